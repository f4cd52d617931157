using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>Serializes a structured result with the same naming the output schemas were generated with.</summary>
internal static class Structured
{
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, ToolJson.Output);
}
