using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Demo;

/// <summary>What the simulator seeded on its first site: an unrestricted space and its homepage.</summary>
public sealed record SeededSite(string SpaceId, string SpaceKey, string HomepageId)
{
    public static async Task<SeededSite> ReadAsync(HttpClient simulator)
    {
        var site = (await simulator.GetFromJsonAsync<JsonElement>("/_sim/state")).GetProperty("sites")[0];
        var space = site.GetProperty("spaces").EnumerateArray().First(s => !s.GetProperty("restricted").GetBoolean() && s.GetProperty("homepageId").ValueKind == JsonValueKind.String);
        return new SeededSite(
            space.GetProperty("id").GetString()!,
            space.GetProperty("key").GetString()!,
            space.GetProperty("homepageId").GetString()!);
    }
}
