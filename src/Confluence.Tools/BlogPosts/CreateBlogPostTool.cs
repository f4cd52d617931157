using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record CreateBlogPostArguments(
    [Description("Key of the space to publish the blog post in.")] string SpaceKey,
    [Description("Title of the blog post.")][SingleLine] string Title,
    [Description("Body in 'format'.")] string Body,
    [Description("Format of 'body': \"markdown\" (default) or \"storage\".")] ContentFormat Format = ContentFormat.Markdown);

/// <summary>Publishes a blog post in a space.</summary>
internal sealed class CreateBlogPostTool() : ConfluenceTool<CreateBlogPostArguments>(
    "create_blog_post",
    "Create a blog post",
    "Publishes a blog post in a space with a Markdown (or storage XHTML) body. It is visible to the space's readers at once. " +
    "Returns the new blog post's id, version and web URL.",
    ToolAccess.Write, idempotent: false, ["read:space:confluence", "write:page:confluence"], ToolSchemas.For<WriteResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(CreateBlogPostArguments arguments, ConfluenceSession confluence)
    {
        var spaceId = await SpaceLookup.IdOfAsync(confluence, arguments.SpaceKey);
        var created = await confluence.SendAsync("POST", ConfluencePaths.V2 + "blogposts",
            new { spaceId, status = "current", title = arguments.Title, body = BodyText.Write(arguments.Body, arguments.Format) }, $"space {arguments.SpaceKey}");
        return ContentWriter.Written("Created blog post", created, ContentKind.BlogPost);
    }
}
