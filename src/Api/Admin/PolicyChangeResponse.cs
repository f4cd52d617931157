using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Grains;

namespace Platform.Api.Admin;

/// <summary>
/// The answer to a change of who may call what: the resource as it is now (for a delete, as it was), with one more
/// field beside its own, <c>unconfirmedUsers</c>: how many users' grains had not confirmed their new policy when the
/// change returned. 0: in force for everyone. Otherwise governance retries them every second, and each re-reads its
/// policy when its lease runs out.
/// </summary>
[JsonConverter(typeof(PolicyChangeResponseConverter))]
public sealed record PolicyChangeResponse<T>(T Resource, int UnconfirmedUsers)
    where T : class;

public static class PolicyChangeResponse
{
    /// <summary>The resource after the change.</summary>
    public static PolicyChangeResponse<T> After<T>(Change<T> change)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.After!, change.UnconfirmedUsers);
    }

    /// <summary>A deleted resource, as it was.</summary>
    public static PolicyChangeResponse<T> Before<T>(Change<T> change)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.Before!, change.UnconfirmedUsers);
    }

    /// <summary>Describes the flattened shape in the OpenAPI document: the resource's schema and the extra field.</summary>
    public static OpenApiOptions DescribePolicyChanges(this OpenApiOptions options) => options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
    {
        var type = context.JsonTypeInfo.Type;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(PolicyChangeResponse<>))
        {
            return;
        }

        var resource = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
        var field = context.JsonTypeInfo.Options.PropertyNamingPolicy?.ConvertName(nameof(PolicyChangeResponse<object>.UnconfirmedUsers)) ?? nameof(PolicyChangeResponse<object>.UnconfirmedUsers);
        schema.Type = null;
        schema.Properties?.Clear();
        schema.AllOf =
        [
            resource,
            new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { [field] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" } },
                Required = new HashSet<string> { field },
            },
        ];
    });
}

/// <summary>Writes <see cref="PolicyChangeResponse{T}"/> as its resource's JSON object plus <c>unconfirmedUsers</c>, and reads it back.</summary>
internal sealed class PolicyChangeResponseConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(PolicyChangeResponse<>);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()));

    private sealed class Converter<T> : JsonConverter<PolicyChangeResponse<T>>
        where T : class
    {
        public override PolicyChangeResponse<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var field = Field(options);
            if (JsonNode.Parse(ref reader) is not JsonObject json || json[field] is not JsonValue unconfirmed)
            {
                throw new JsonException($"A policy change answer is a JSON object with '{field}'.");
            }

            json.Remove(field);
            return new(json.Deserialize<T>(options) ?? throw new JsonException("A policy change answer names its resource."), unconfirmed.GetValue<int>());
        }

        public override void Write(Utf8JsonWriter writer, PolicyChangeResponse<T> value, JsonSerializerOptions options)
        {
            if (JsonSerializer.SerializeToNode(value.Resource, options) is not JsonObject json)
            {
                throw new JsonException($"{typeof(T).Name} does not serialize as a JSON object, so it cannot carry how many users are unconfirmed.");
            }

            json[Field(options)] = value.UnconfirmedUsers;
            json.WriteTo(writer, options);
        }

        private static string Field(JsonSerializerOptions options) =>
            options.PropertyNamingPolicy?.ConvertName(nameof(PolicyChangeResponse<T>.UnconfirmedUsers)) ?? nameof(PolicyChangeResponse<T>.UnconfirmedUsers);
    }
}
