using AtlassianSimulator.Access;
using AtlassianSimulator.Cql;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>v1 CQL search: /search (search results) and /content/search (content objects).</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/search", (HttpContext c, SimulatorStore s, TimeProvider t) => Search(c, s, t, asContent: false)).V1("v1.search");
        v1.MapGet("/content/search", (HttpContext c, SimulatorStore s, TimeProvider t) => Search(c, s, t, asContent: true)).V1("v1.contentSearch");
        return v1;
    }

    /// <summary>Runs CQL over the content the caller can see; throws <see cref="CqlException"/> on bad CQL.</summary>
    public static List<Content> Run(Caller caller, string cql, DateTimeOffset now)
    {
        var query = CqlParser.Parse(cql);
        var visible = caller.Site.Content.Items.Values.Where(i => i.Status == "current" && caller.CanView(i));
        return new CqlEvaluator(caller.Site, caller.User.AccountId, now).Run(query, visible).ToList();
    }

    private static IResult Search(HttpContext context, SimulatorStore store, TimeProvider clock, bool asContent)
    {
        var caller = Caller.Of(context);
        var cql = context.Request.Query["cql"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(cql))
        {
            return ApiErrors.V1(400, "cql parameter is required");
        }
        var expand = V1Mapper.Expand(context.Request);
        lock (store.Gate)
        {
            List<Content> results;
            try
            {
                results = Run(caller, cql, clock.GetUtcNow());
            }
            catch (CqlException e)
            {
                return ApiErrors.V1(400, "Could not parse cql : " + cql + " (" + e.Message + ")");
            }
            var extra = new Dictionary<string, object?> { ["totalSize"] = results.Count, ["cqlQuery"] = cql, ["searchDuration"] = 3 };
            return asContent
                ? V1Paging.List(context, results, i => V1Mapper.Content(caller, i, expand), extra)
                : V1Paging.List(context, results, i => SearchResult(caller, i, expand), extra);
        }
    }

    private static Dictionary<string, object?> SearchResult(Caller caller, Content item, ISet<string> expand)
    {
        var content = V1Mapper.Content(caller, item, expand);
        var space = caller.Site.Content.Spaces.GetValueOrDefault(item.SpaceId);
        var text = item.Current.PlainText.Trim();
        return new Dictionary<string, object?>
        {
            ["content"] = content,
            ["title"] = item.Title,
            ["excerpt"] = text.Length > 200 ? text[..200] : text,
            ["url"] = $"/spaces/{space?.Key}/pages/{item.Id}",
            ["resultGlobalContainer"] = new { title = space?.Name, displayUrl = $"/spaces/{space?.Key}" },
            ["breadcrumbs"] = Array.Empty<object>(),
            ["entityType"] = "content",
            ["iconCssClass"] = "aui-icon content-type-" + content["type"],
            ["lastModified"] = Formats.Date(item.Current.CreatedAt),
            ["friendlyLastModified"] = item.Current.CreatedAt.ToString("MMM dd, yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["score"] = 1.0,
        };
    }
}
