using System.Text.Json;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>Lenient reading of v1 request bodies, whose shapes vary too much for records.</summary>
public static class V1Json
{
    public static async Task<JsonElement?> ReadAsync(HttpContext context)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonElement? At(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element;
    }

    public static string? Str(JsonElement element, params string[] path) => At(element, path) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    public static bool Bool(JsonElement element, params string[] path) => At(element, path) is { ValueKind: JsonValueKind.True };
}
