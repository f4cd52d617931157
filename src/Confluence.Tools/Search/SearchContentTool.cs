using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;

namespace Platform.Confluence.Tools;

internal sealed record SearchContentArguments(
    [Description("Words to look for in titles and bodies, as plain text (quotes and operators in it are searched for literally). Give 'query' or 'cql'.")] string? Query = null,
    [Description("A full CQL query for precise searches, e.g. 'space = ENG AND label = \"runbook\" ORDER BY lastmodified DESC'.")] string? Cql = null,
    [Description("With 'query': only content in this space (key, e.g. \"ENG\").")] string? SpaceKey = null,
    [Description("With 'query': only this type of content.")] SearchContentType? Type = null,
    [Description("Results per call, 1 to 100 (default 25).")][Range(1, 100)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next results.")] string? Cursor = null);

/// <summary>Confluence search: plain text made into a safe CQL text query, or CQL as given.</summary>
internal sealed class SearchContentTool() : ConfluenceTool<SearchContentArguments>(
    "search_content",
    "Search Confluence content",
    "Searches the pages, blog posts, comments and attachments you can see. Give 'query' for a plain-text search (optionally " +
    "narrowed with spaceKey and type), or 'cql' for Confluence Query Language (fields: type, space, title, text, label, ancestor, parent, " +
    "creator, created, lastmodified; ORDER BY). Returns id, type, title, space key, excerpt and web URL per hit, and a cursor when more exist. " +
    "Read a hit with get_page / get_blog_post using its id. (search and fetch are the plain pair ChatGPT connectors and deep research use.)",
    ToolAccess.Read, idempotent: true, ["read:content-details:confluence"], ToolSchemas.For<SearchResult>())
{
    private protected override string? Check(SearchContentArguments arguments) => (arguments.Query, arguments.Cql) switch
    {
        (null, null) => "'query' is required (or 'cql')",
        (not null, not null) => "give either 'query' or 'cql', not both",
        (null, not null) when arguments.SpaceKey is not null || arguments.Type is not null => "'spaceKey' and 'type' only narrow a 'query'; write them into the 'cql' instead",
        ({ } query, _) when string.IsNullOrWhiteSpace(query) => "'query' must not be empty",
        (_, { } cql) when string.IsNullOrWhiteSpace(cql) => "'cql' must not be empty",
        _ => CursorText.Problem(arguments.Cursor),
    };

    private protected override async Task<ToolOutcome> ExecuteAsync(SearchContentArguments arguments, ConfluenceSession confluence)
    {
        var cql = arguments.Cql ?? TextQuery(arguments);
        var answer = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V1 + "search", ("cql", cql), ("limit", arguments.Limit), ("start", arguments.Cursor)),
            "search");
        var siteBase = answer.Str("_links", "base");
        var hits = answer.Results().Select(r => Hit(r, siteBase)).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        var lines = hits.Select(h => $"- **{h.Title}** ({h.Type} {h.Id}{(h.SpaceKey is null ? "" : ", space " + h.SpaceKey)}){(h.WebUrl is null ? "" : " " + h.WebUrl)}" +
            (string.IsNullOrWhiteSpace(h.Excerpt) ? "" : $"\n  {h.Excerpt.ReplaceLineEndings(" ")}")).ToList();
        var text = ListText.Render($"Search results for CQL `{cql}`{(answer.Int("totalSize") is { } total ? $" ({total} in all)" : "")}", lines, next, "Nothing found.");
        return ToolOutcome.Success(text, Structured.Json(new SearchResult(cql, answer.Int("totalSize"), hits, next)), 200);
    }

    /// <summary>User text only ever appears quoted, so it cannot add CQL operators.</summary>
    private static string TextQuery(SearchContentArguments arguments)
    {
        var cql = new StringBuilder("text ~ ").Append(CqlText.Quote(arguments.Query!));
        if (arguments.SpaceKey is { } space)
        {
            cql.Append(" AND space = ").Append(CqlText.Quote(space));
        }
        if (arguments.Type is { } type)
        {
            cql.Append(" AND type = ").Append(type.ToString().ToLowerInvariant());
        }
        return cql.ToString();
    }

    private static SearchHit Hit(JsonElement result, string? siteBase)
    {
        var content = result.At("content") ?? result;
        var container = result.Str("resultGlobalContainer", "displayUrl");
        var spaceKey = container is not null && container.StartsWith("/spaces/", StringComparison.Ordinal) ? container["/spaces/".Length..].Split('/')[0] : null;
        return new SearchHit(content.Str("id") ?? "", content.Str("type") ?? "", result.Str("title") ?? content.Str("title") ?? "", spaceKey,
            result.Str("excerpt"), result.Str("lastModified"), ConfluencePaths.WebUrl(siteBase, result.Str("url")));
    }
}
