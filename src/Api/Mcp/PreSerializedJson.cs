using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;

namespace Platform.Api.Mcp;

/// <summary>
/// A result object serialized once, carried in the <see cref="JsonObject"/> the MCP SDK sends as a result. The object
/// is new per response (the SDK may add members such as <c>_meta</c>); each of its members is the serialized bytes,
/// copied into the response as they are instead of being walked token by token (for a 45 KB tool list that walk was a
/// third of the request's CPU), so one instance backs any number of concurrent responses.
/// </summary>
public sealed class PreSerializedJson
{
    private readonly byte[] utf8;
    private readonly (string Name, RawJson Value)[] members;
    private JsonElement? parsed;

    private PreSerializedJson(byte[] utf8)
    {
        this.utf8 = utf8;
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        var found = new List<(string, RawJson)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            found.Add((name, new RawJson(utf8.AsMemory(start, (int)reader.BytesConsumed - start))));
        }

        members = [.. found];
    }

    /// <summary>Whether members are copied out verbatim; false only if an SDK release no longer writes as this expects.</summary>
    public static bool WritesVerbatim => RawJson.TypeInfo is not null;

    /// <summary>Serializes <paramref name="value"/> (a JSON object) once, with <paramref name="options"/>.</summary>
    public static PreSerializedJson From<T>(T value, JsonSerializerOptions options) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))));

    /// <summary>The size in UTF-8 bytes.</summary>
    public int Length => utf8.Length;

    /// <summary>A node for one response: a new one per use, since a node belongs to one parent and may be changed.</summary>
    public JsonObject ToNode()
    {
        if (RawJson.TypeInfo is not { } typeInfo)
        {
            // The slower way, which any serializer options write: a node backed by the parsed element.
            parsed ??= JsonElement.Parse(utf8);
            return JsonObject.Create(parsed.Value)!;
        }

        var node = new JsonObject();
        foreach (var (name, value) in members)
        {
            node.Add(name, JsonValue.Create(value, typeInfo));
        }

        return node;
    }

    /// <summary>JSON text written out verbatim; it came from the serializer, so it is not validated again.</summary>
    // The attribute is for serializer options other than the SDK's writer (a log of the message, say) that resolve types by reflection.
    [JsonConverter(typeof(Converter))]
    private sealed class RawJson(ReadOnlyMemory<byte> utf8)
    {
        /// <summary>
        /// A JSON value is written with its own converter only under the options its type info was made for; under
        /// any others, those options must resolve the type. The SDK writes messages with its source-generated
        /// context's options, which resolve no type of ours and are not public, so they are looked up once by name.
        /// </summary>
        public static readonly JsonTypeInfo<RawJson>? TypeInfo =
            typeof(McpJsonUtilities).GetNestedType("JsonContext", BindingFlags.NonPublic)
                ?.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is JsonSerializerContext context
                ? JsonMetadataServices.CreateValueInfo<RawJson>(context.Options, new Converter())
                : null;

        private ReadOnlyMemory<byte> Utf8 { get; } = utf8;

        private sealed class Converter : JsonConverter<RawJson>
        {
            public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                throw new NotSupportedException("Pre-serialized JSON is only written.");

            public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
                writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
        }
    }
}
