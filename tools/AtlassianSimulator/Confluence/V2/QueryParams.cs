using AtlassianSimulator.Model;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>Common v2 query parameters: body-format, status, id lists, sort.</summary>
public static class QueryParams
{
    public static string? BodyFormat(HttpRequest request) => request.Query["body-format"].FirstOrDefault();

    public static bool IsReadableFormat(string? format) => format is null || BodyFormats.Readable.Contains(format);

    public static HashSet<long> Ids(HttpRequest request, string name) =>
        request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Select(Formats.ParseId).OfType<long>().ToHashSet();

    public static string[] Statuses(HttpRequest request, params string[] fallback)
    {
        var statuses = request.Query["status"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        return statuses.Length > 0 ? statuses : fallback;
    }

    public static IEnumerable<Content> Sort(IEnumerable<Content> items, string? sort) => sort switch
    {
        "-id" => items.OrderByDescending(i => i.Id),
        "title" => items.OrderBy(i => i.Title, StringComparer.Ordinal).ThenBy(i => i.Id),
        "-title" => items.OrderByDescending(i => i.Title, StringComparer.Ordinal).ThenBy(i => i.Id),
        "created-date" => items.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
        "-created-date" => items.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id),
        "modified-date" => items.OrderBy(i => i.Current.CreatedAt).ThenBy(i => i.Id),
        "-modified-date" => items.OrderByDescending(i => i.Current.CreatedAt).ThenBy(i => i.Id),
        _ => items.OrderBy(i => i.Id),
    };
}
