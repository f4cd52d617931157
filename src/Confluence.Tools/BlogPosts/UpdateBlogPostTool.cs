using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record UpdateBlogPostArguments(
    [Description("Numeric id of the blog post to change.")][NumericId] string BlogPostId,
    [Description("New title; leave out to keep the current one.")][SingleLine] string? Title = null,
    [Description("The full new body in 'format' (in Markdown: the whole post as get_blog_post showed it, with your changes); leave out to keep the current body.")] string? Body = null,
    [Description("Format of 'body': \"markdown\" (default) or \"storage\".")] ContentFormat Format = ContentFormat.Markdown,
    [Description("The version you read; if the blog post has moved on since, nothing is written and you get a conflict.")][Range(1, int.MaxValue)] int? Version = null,
    [Description("Version comment.")] string? VersionMessage = null,
    [Description("Only after a refusal that named what a Markdown change would lose: true confirms losing it.")] bool ConfirmLosses = false);

/// <summary>Changes a blog post's title and/or body as a new version.</summary>
internal sealed class UpdateBlogPostTool() : ConfluenceTool<UpdateBlogPostArguments>(
    "update_blog_post",
    "Update a blog post",
    "Changes a blog post's title and/or body as a new version (version numbers are handled for you). Markdown bodies work as in " +
    "update_page: unchanged blocks keep their exact storage, and a change that would lose a macro or other content Markdown cannot express " +
    "is refused with the block named. Pass 'version' to be told about concurrent edits instead of overwriting them. For pages use update_page.",
    ToolAccess.Write, idempotent: false, ["read:page:confluence", "write:page:confluence"], ToolSchemas.For<WriteResult>())
{
    private protected override string? Check(UpdateBlogPostArguments arguments) =>
        arguments.Title is null && arguments.Body is null ? "give 'title' or 'body' (or both) to change" : null;

    private protected override Task<ToolOutcome> ExecuteAsync(UpdateBlogPostArguments arguments, ConfluenceSession confluence) =>
        ContentWriter.UpdateAsync(confluence, ContentKind.BlogPost, arguments.BlogPostId, new ContentWriter.Change(arguments.Title,
            arguments.Body is null ? null : BodyEdit.Whole(arguments.Body, arguments.Format, arguments.ConfirmLosses), arguments.Version, arguments.VersionMessage));
}
