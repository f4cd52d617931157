namespace Platform.Confluence.Tools;

/// <summary>Pages and blog posts share v2 operations under different collections.</summary>
internal sealed record ContentKind(string Collection, string Noun)
{
    public static ContentKind Page { get; } = new("pages", "page");

    public static ContentKind BlogPost { get; } = new("blogposts", "blog post");

    public string PathOf(string id) => $"{ConfluencePaths.V2}{Collection}/{id}";
}
