namespace Platform.Confluence.Tools;

/// <summary>Pages, blog posts and whiteboards share v2 operations under different collections.</summary>
internal sealed record ContentKind(string Collection, string Noun)
{
    public static ContentKind Page { get; } = new("pages", "page");

    public static ContentKind BlogPost { get; } = new("blogposts", "blog post");

    public static ContentKind Whiteboard { get; } = new("whiteboards", "whiteboard");

    public string PathOf(string id) => $"{ConfluencePaths.V2}{Collection}/{id}";
}
