using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record ListBlogPostsArguments(
    [Description("Key of the space whose blog posts to list; leave out for blog posts of all spaces you can see.")] string? SpaceKey = null,
    [Description("Blog posts per call, 1 to 250 (default 25).")][Range(1, 250)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next blog posts.")] string? Cursor = null);

/// <summary>Lists blog posts, of one space or all.</summary>
internal sealed class ListBlogPostsTool() : ConfluenceTool<ListBlogPostsArguments>(
    "list_blog_posts",
    "List blog posts",
    "Lists blog posts (id, title, version, web URL) of one space, or of every space you can see. " +
    "Returns a cursor when more exist. Read one with get_blog_post.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence", "read:space:confluence"], ToolSchemas.For<ContentListResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(ListBlogPostsArguments arguments, ConfluenceSession confluence)
    {
        var path = ConfluencePaths.V2 + "blogposts";
        string? siteBase = null;
        if (arguments.SpaceKey is { } key)
        {
            var space = await SpaceLookup.FindAsync(confluence, key);
            path = $"{ConfluencePaths.V2}spaces/{space.Str("id")}/blogposts";
            siteBase = space.Str("_links", "base");
        }
        var answer = await confluence.GetAsync(ConfluencePaths.With(path, ("limit", arguments.Limit), ("cursor", arguments.Cursor)), "blog posts");
        return ContentListResult.Outcome(arguments.SpaceKey is null ? "Blog posts" : $"Blog posts in space {arguments.SpaceKey}", answer, "blog post", siteBase);
    }
}
