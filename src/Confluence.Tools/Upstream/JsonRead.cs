using System.Globalization;
using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>Lenient reads of Confluence answers: a missing member is null, never an exception.</summary>
internal static class JsonRead
{
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }
        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public static string? Str(this JsonElement element, params string[] path) => element.At(path) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static int? Int(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value) ? value
        : int.TryParse(element.Str(path), CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public static IEnumerable<JsonElement> Results(this JsonElement element) =>
        element.At("results") is { ValueKind: JsonValueKind.Array } results ? results.EnumerateArray() : [];
}
