using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>A content property: its id, key, JSON value and version (updates need version+1).</summary>
internal sealed record PagePropertyResult(string Id, string Key, JsonElement Value, int? Version)
{
    public static PagePropertyResult From(JsonElement property) =>
        new(property.Str("id") ?? "", property.Str("key") ?? "", property.At("value") ?? default, property.Int("version", "number"));

    public string Line() => $"- **{Key}** (property {Id}, version {Version}): `{(Value.ValueKind == JsonValueKind.Undefined ? "null" : Value.GetRawText())}`";
}
