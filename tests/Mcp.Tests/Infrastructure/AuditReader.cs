using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Mcp.Tests.Infrastructure;

public static class AuditReader
{
    /// <summary>Follows the admin API's audit cursor to the end, checking no page repeats a row.</summary>
    public static async Task<List<JsonElement>> ReadAuditAsync(this HttpClient http, string url)
    {
        var rows = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>(cursor is null ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}");
            rows.AddRange(page.GetProperty("entries").EnumerateArray().Select(row => row.Clone()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(rows.Count, rows.Select(row => row.GetProperty("seq").GetInt64()).Distinct().Count());
        return rows;
    }
}
