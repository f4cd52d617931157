using System.Globalization;
using System.Text;
using AtlassianSimulator.Access;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>
/// v2 cursor pagination: opaque cursor, limit 1..250 (default 25); the next page goes in the Link header and
/// in _links.next (relative to the site's base URL), and both are absent on the last page.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 250;

    public static (int Offset, int Limit, string? Error) Read(HttpRequest request)
    {
        var limit = DefaultLimit;
        if (request.Query.TryGetValue("limit", out var l) && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return (0, 0, "limit must be a positive integer");
        }
        limit = Math.Min(limit, MaxLimit);
        var offset = 0;
        if (request.Query.TryGetValue("cursor", out var c) && !TryDecode(c.ToString(), out offset))
        {
            return (0, 0, "Invalid cursor");
        }
        return (offset, limit, null);
    }

    /// <summary>Slices an ordered sequence and writes the Link header. Returns null (with a 400) on bad paging parameters.</summary>
    public static IResult List<TItem, TJson>(HttpContext context, IEnumerable<TItem> ordered, Func<TItem, TJson> map)
    {
        var caller = Caller.Of(context);
        var (offset, limit, error) = Read(context.Request);
        if (error is not null)
        {
            return ApiErrors.V2(400, "INVALID_REQUEST_PARAMETER", error);
        }
        var window = ordered.Skip(offset).Take(limit + 1).ToList();
        var results = window.Take(limit).Select(map).ToList();
        caller.ObjectsReturned += results.Count;
        string? next = null;
        if (window.Count > limit)
        {
            next = NextLink(context.Request, Encode(offset + limit));
            context.Response.Headers.Link = $"<{next}>; rel=\"next\", <{caller.BaseUrl}>; rel=\"base\"";
        }
        return Results.Json(new ListJson<TJson>(results, new ListLinks(next, caller.BaseUrl)));
    }

    private static string NextLink(HttpRequest request, string cursor)
    {
        var path = request.Path.Value!;
        var wiki = path.IndexOf("/wiki/", StringComparison.Ordinal);
        var query = request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append("cursor=" + Uri.EscapeDataString(cursor));
        return path[wiki..] + "?" + string.Join('&', query);
    }

    private static string Encode(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("sim:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("sim:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(4), CultureInfo.InvariantCulture, out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
