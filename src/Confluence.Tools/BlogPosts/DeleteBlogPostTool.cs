using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record DeleteBlogPostArguments(
    [Description("Numeric id of the blog post to delete.")][NumericId] string BlogPostId);

/// <summary>Moves a blog post to the trash.</summary>
internal sealed class DeleteBlogPostTool() : ConfluenceTool<DeleteBlogPostArguments>(
    "delete_blog_post",
    "Delete a blog post",
    "Moves a blog post to its space's trash (not purged; a space admin can restore it). Confirm with the user first.",
    ToolAccess.Destructive, idempotent: true, ["delete:page:confluence"], ToolSchemas.For<DeleteResult>())
{
    private protected override Task<ToolOutcome> ExecuteAsync(DeleteBlogPostArguments arguments, ConfluenceSession confluence) =>
        ContentDeleter.TrashAsync(confluence, ContentKind.BlogPost, arguments.BlogPostId);
}
