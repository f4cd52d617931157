using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Platform.Hosting;

/// <summary>
/// Stores grain state as plain JSON with no CLR type names, so stored state survives renaming or moving a class
/// and reading it can never instantiate a type named by the data.
/// </summary>
public sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"Stored state for {typeof(T).Name} is JSON null.");
}
