using System.Globalization;

namespace Platform.Confluence.Tools;

/// <summary>Builds request paths (escaped) and reads cursors and web links out of answers.</summary>
internal static class ConfluencePaths
{
    public const string V2 = "wiki/api/v2/";
    public const string V1 = "wiki/rest/api/";

    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>Appends query parameters, leaving out null values.</summary>
    public static string With(string path, params (string Name, object? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null)
            .Select(q => $"{Escape(q.Name)}={Escape(Convert.ToString(q.Value, CultureInfo.InvariantCulture)!)}");
        var joined = string.Join('&', parts);
        return joined.Length == 0 ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + joined;
    }

    /// <summary>The <c>cursor</c> (v2) or <c>start</c> (v1) of the next page named by <c>_links.next</c>, or null on the last page.</summary>
    public static string? NextCursor(System.Text.Json.JsonElement answer)
    {
        if (answer.Str("_links", "next") is not { } next || next.IndexOf('?', StringComparison.Ordinal) is var q && q < 0)
        {
            return null;
        }
        var query = next[(q + 1)..].Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
        return query.GetValueOrDefault("cursor") ?? query.GetValueOrDefault("start");
    }

    /// <summary>
    /// An absolute web address from the answer's base (<c>_links.base</c>) and a relative <c>webui</c> link; null rather
    /// than a relative link a client could not open when the base is unknown.
    /// </summary>
    public static string? WebUrl(string? siteBase, string? webui) =>
        webui is null ? null
        : Uri.TryCreate(webui, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http" ? webui
        : siteBase is null ? null
        : siteBase.TrimEnd('/') + webui;
}
