using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Api.Mcp;

/// <summary>
/// A result object serialized once, carried in the <see cref="JsonObject"/> the MCP SDK sends as a result. The object
/// is backed by a read-only <see cref="JsonElement"/> and written out from it without building a node tree (the SDK
/// may still read or change it: a change materializes that node alone); one instance backs any number of concurrent
/// responses.
/// </summary>
public sealed class PreSerializedJson
{
    private readonly JsonElement element;

    private PreSerializedJson(byte[] utf8) => (element, Length) = (JsonElement.Parse(utf8), utf8.Length);

    /// <summary>Serializes <paramref name="value"/> once, with <paramref name="options"/>.</summary>
    public static PreSerializedJson From<T>(T value, JsonSerializerOptions options) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))));

    /// <summary>The size in UTF-8 bytes.</summary>
    public int Length { get; }

    /// <summary>A node for one response: a new one per use, since a node belongs to one parent and may be changed.</summary>
    public JsonObject ToNode() => JsonObject.Create(element)!;
}
