using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record ConnectorSearchArguments(
    [Description("What to look for, in plain words, e.g. \"deployment runbook\".")] string Query);

/// <summary>
/// The <c>search</c> of the search/fetch pair that ChatGPT connectors and deep research call: a plain-text query in,
/// <c>{"results":[{"id","title","url"}]}</c> out, as structured content and as the JSON text those clients read.
/// </summary>
internal sealed class ConnectorSearchTool() : ConfluenceTool<ConnectorSearchArguments>(
    "search",
    "Search Confluence",
    "Finds the pages and blog posts whose text matches the words, most relevant first; returns each one's id, title, URL " +
    "and an excerpt. Read one in full with fetch and its id. This is the search that ChatGPT connectors and deep research " +
    "expect; for CQL, spaces, content types or paging use search_content.",
    ToolAccess.Read, idempotent: true, ["read:content-details:confluence"], ToolSchemas.For<ConnectorSearchResult>())
{
    private const int MaxResults = 20;

    private protected override string? Check(ConnectorSearchArguments arguments) =>
        string.IsNullOrWhiteSpace(arguments.Query) ? "'query' must not be empty" : null;

    private protected override async Task<ToolOutcome> ExecuteAsync(ConnectorSearchArguments arguments, ConfluenceSession confluence)
    {
        // The user's words only ever appear quoted, so they cannot add CQL operators.
        var cql = $"text ~ {CqlText.Quote(arguments.Query)} AND type in (page, blogpost)";
        var answer = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V1 + "search", ("cql", cql), ("limit", MaxResults)), "search");
        var siteBase = answer.Str("_links", "base");
        var results = answer.Results()
            .Select(result => (Content: result.At("content") ?? result, Result: result))
            .Where(hit => hit.Content.Str("id") is not null && hit.Content.Str("type") is "page" or "blogpost")
            .Select(hit => new ConnectorSearchHit(
                ConnectorIds.Format(hit.Content.Str("type")!, hit.Content.Str("id")!),
                hit.Result.Str("title") ?? hit.Content.Str("title") ?? "",
                ConfluencePaths.WebUrl(siteBase, hit.Result.Str("url")) ?? "",
                hit.Result.Str("excerpt")))
            .ToList();
        var json = Structured.Json(new ConnectorSearchResult(results));
        return ToolOutcome.Success(json, json, 200);
    }
}

internal sealed record ConnectorSearchResult(IReadOnlyList<ConnectorSearchHit> Results);

internal sealed record ConnectorSearchHit(string Id, string Title, string Url, string? Text);
