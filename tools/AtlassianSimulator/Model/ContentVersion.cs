namespace AtlassianSimulator.Model;

public sealed record ContentVersion(int Number, DateTimeOffset CreatedAt, string AuthorId, string Message, bool MinorEdit, string Title, string Body)
{
    private string? _plainText;

    /// <summary>The body without markup, computed once: CQL text search over 100,000 pages would otherwise strip tags on every query.</summary>
    public string PlainText => _plainText ??= Confluence.BodyFormats.ToPlainText(Body);
}
