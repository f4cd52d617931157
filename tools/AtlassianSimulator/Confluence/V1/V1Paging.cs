using System.Globalization;
using AtlassianSimulator.Access;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>v1 offset pagination: start/limit, with _links.next while more results remain.</summary>
public static class V1Paging
{
    public static (int Start, int Limit) Read(HttpRequest request, int defaultLimit = 25, int maxLimit = 250)
    {
        var start = int.TryParse(request.Query["start"], CultureInfo.InvariantCulture, out var s) && s >= 0 ? s : 0;
        var limit = int.TryParse(request.Query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, maxLimit) : defaultLimit;
        return (start, limit);
    }

    /// <summary>Slices and returns the v1 envelope; extra members (totalSize, cqlQuery) are merged in.</summary>
    public static IResult List<T>(HttpContext context, IReadOnlyList<T> all, Func<T, object> map, Dictionary<string, object?>? extra = null)
    {
        var caller = Caller.Of(context);
        var (start, limit) = Read(context.Request);
        var page = all.Skip(start).Take(limit).Select(map).ToList();
        caller.ObjectsReturned += page.Count;
        var path = context.Request.Path.Value!;
        var relative = path[path.IndexOf("/rest/", StringComparison.Ordinal)..];
        var links = new Dictionary<string, object?> { ["base"] = caller.BaseUrl, ["context"] = "/wiki", ["self"] = caller.BaseUrl + relative };
        if (start + limit < all.Count)
        {
            var query = context.Request.Query.Where(q => q.Key is not ("start" or "limit"))
                .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
                .Append($"limit={limit}").Append($"start={start + limit}");
            links["next"] = relative + "?" + string.Join('&', query);
        }
        var body = new Dictionary<string, object?> { ["results"] = page, ["start"] = start, ["limit"] = limit, ["size"] = page.Count };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value;
        }
        body["_links"] = links;
        return Results.Json(body);
    }
}
