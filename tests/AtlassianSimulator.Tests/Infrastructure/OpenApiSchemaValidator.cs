using System.Globalization;
using System.Text.Json;

namespace AtlassianSimulator.Tests.Infrastructure;

/// <summary>
/// Validates JSON against the response schemas of an OpenAPI 3.0 document: type, nullable, enum, properties,
/// required, items, additionalProperties, allOf/oneOf/anyOf, date-time format, and $ref into #/components.
/// (JsonSchema.Net 9.x could not be restored: its dependency JsonPointer.Net is absent from the package source.)
/// </summary>
public sealed class OpenApiSchemaValidator
{
    private readonly JsonElement _root;

    public OpenApiSchemaValidator(string specPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(specPath));
        _root = document.RootElement.Clone();
    }

    /// <summary>The JSON schema of the response; null when the spec documents no JSON body for that status.</summary>
    public JsonElement? ResponseSchema(string method, string specPath, int status)
    {
        if (!_root.GetProperty("paths").TryGetProperty(specPath, out var path)
            || !path.TryGetProperty(method.ToLowerInvariant(), out var operation)
            || !operation.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response))
        {
            throw new InvalidOperationException($"The spec has no {method} {specPath} response {status}.");
        }
        // v1 documents some answers as "application/json;charset=UTF-8".
        return response.TryGetProperty("content", out var content)
            && content.EnumerateObject().FirstOrDefault(m => m.Name.StartsWith("application/json", StringComparison.Ordinal)) is { Value: var media }
            && media.ValueKind == JsonValueKind.Object && media.TryGetProperty("schema", out var schema) ? schema : null;
    }

    public List<string> Validate(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors, 0);
        return errors;
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var target = _root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }
            schema = target;
        }
        return schema;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors, int depth)
    {
        if (depth > 64)
        {
            return;
        }
        schema = Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean()) && (schema.TryGetProperty("type", out _) || schema.TryGetProperty("properties", out _)))
            {
                errors.Add($"{at}: null is not allowed");
            }
            return;
        }
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(part, value, at, errors, depth + 1);
            }
        }
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(keyword, out var options) && !options.EnumerateArray().Any(o => Validate(o, value).Count == 0))
            {
                errors.Add($"{at}: matches none of {keyword}");
            }
        }
        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add($"{at}: expected {type.GetString()} but was {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.ValueKind == value.ValueKind && a.GetRawText() == value.GetRawText()))
        {
            errors.Add($"{at}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }
        if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" && value.ValueKind == JsonValueKind.String
            && !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            errors.Add($"{at}: '{value.GetString()}' is not a date-time");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, at, errors, depth);
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{at}[{index++}]", errors, depth + 1);
            }
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, List<string> errors, int depth)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
            {
                errors.Add($"{at}: missing required '{name}'");
            }
        }
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var propertySchema))
            {
                Check(propertySchema, member.Value, $"{at}.{member.Name}", errors, depth + 1);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{at}: unexpected property '{member.Name}'");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, member.Value, $"{at}.{member.Name}", errors, depth + 1);
                }
            }
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => true,
    };
}
