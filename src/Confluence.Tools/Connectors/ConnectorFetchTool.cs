using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record ConnectorFetchArguments(
    [Description("The id a search result gave, e.g. \"page:123456\" or \"blogpost:456\".")] string Id);

/// <summary>
/// The <c>fetch</c> of the search/fetch pair that ChatGPT connectors and deep research call: an id from search in,
/// <c>{"id","title","text","url","metadata"}</c> out, the text being the page or blog post as Markdown.
/// </summary>
internal sealed class ConnectorFetchTool() : ConfluenceTool<ConnectorFetchArguments>(
    "fetch",
    "Fetch a Confluence page or blog post",
    "Reads the page or blog post that a search result names, as Markdown with its title, URL and metadata (type, space, " +
    "version). Bodies longer than about 20,000 characters are cut, and the metadata says so; read the rest with get_page and " +
    "its offset. This is the fetch that ChatGPT connectors and deep research expect; to edit, read with get_page.",
    ToolAccess.Read, idempotent: true, ["read:page:confluence"], ToolSchemas.For<ConnectorDocument>())
{
    private protected override string? Check(ConnectorFetchArguments arguments) =>
        ConnectorIds.TryParse(arguments.Id ?? "", out _, out _) ? null : "'id' must be an id from search, e.g. \"page:123456\"";

    private protected override async Task<ToolOutcome> ExecuteAsync(ConnectorFetchArguments arguments, ConfluenceSession confluence)
    {
        _ = ConnectorIds.TryParse(arguments.Id, out var kind, out var id); // Checked above.
        var item = await confluence.GetAsync(ConfluencePaths.With(kind.PathOf(id), ("body-format", "storage")), $"{kind.Noun} with id {id}");
        var summary = ContentSummary.From(item, kind.Noun);
        var body = BodyText.Read(item.Str("body", "storage", "value") ?? "", ContentFormat.Markdown, 0);
        var metadata = new Dictionary<string, string?>
        {
            ["type"] = kind == ContentKind.BlogPost ? "blogpost" : "page",
            ["spaceId"] = summary.SpaceId,
            ["version"] = summary.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["truncated"] = body.IsTruncated ? "true" : "false",
        };
        var json = Structured.Json(new ConnectorDocument(arguments.Id, summary.Title, body.Text, summary.WebUrl ?? "", metadata));
        return ToolOutcome.Success(json, json, 200);
    }
}

internal sealed record ConnectorDocument(string Id, string Title, string Text, string Url, IReadOnlyDictionary<string, string?> Metadata);
