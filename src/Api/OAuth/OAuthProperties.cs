using System.Collections.Immutable;
using System.Text.Json;

namespace Platform.Api.OAuth;

/// <summary>OpenIddict's extra properties, kept as one JSON object string in grain state.</summary>
internal static class OAuthProperties
{
    public static ImmutableDictionary<string, JsonElement> Read(string? json) =>
        string.IsNullOrEmpty(json)
            ? ImmutableDictionary<string, JsonElement>.Empty
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToImmutableDictionary();

    public static string? Write(ImmutableDictionary<string, JsonElement> properties) =>
        properties.IsEmpty ? null : JsonSerializer.Serialize(properties);
}
