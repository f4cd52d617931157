using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record GetBlogPostArguments(
    [Description("Numeric id of the blog post.")][NumericId] string BlogPostId,
    [Description("\"markdown\" (default) or \"storage\" (Confluence storage XHTML exactly as stored).")] ContentFormat Format = ContentFormat.Markdown,
    [Description("Character offset to continue a truncated body from.")][Range(0, int.MaxValue)] int Offset = 0);

/// <summary>Reads one blog post with its body.</summary>
internal sealed class GetBlogPostTool() : ConfluenceTool<GetBlogPostArguments>(
    "get_blog_post",
    "Get a blog post",
    "Reads one blog post: metadata (id, title, space id, version, web URL) and body as Markdown, or storage XHTML with format=\"storage\". " +
    "Long bodies are cut at about 20,000 characters with a marker naming the offset to continue from.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence"], ToolSchemas.For<PageResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetBlogPostArguments arguments, ConfluenceSession confluence)
    {
        var post = await confluence.GetAsync(ConfluencePaths.With(ContentKind.BlogPost.PathOf(arguments.BlogPostId), ("body-format", "storage")),
            $"blog post with id {arguments.BlogPostId}");
        return ContentReader.Render(post, "blog post", arguments.Format, arguments.Offset);
    }
}
