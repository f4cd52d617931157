using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Platform.Hosting;

/// <summary>
/// Grain state at rest: Orleans' System.Text.Json storage serializer, camelCase, enums as names. Plain JSON with no CLR
/// type names, so stored state survives renaming or moving a class and reading it never instantiates a type the data names.
/// </summary>
public static class GrainStateSerializer
{
    public static IGrainStorageSerializer Create()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        options.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        return new SystemTextJsonGrainStorageSerializer(Options.Create(options));
    }
}
