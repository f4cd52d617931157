using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Confluence.Tools;

/// <summary>
/// Binds a tool's JSON arguments to its argument record strictly and turns every failure into one precise sentence
/// ("'pageId' is required", "unknown argument 'foo'", "'limit' must be between 1 and 250").
/// </summary>
internal static partial class ArgumentBinder
{
    // Reading attributes and nullability is reflection: done once per argument type, not on every call.
    private static readonly ConcurrentDictionary<Type, PropertyConstraint[]> ConstraintsOf = new();

    public static T Bind<T>(JsonElement arguments, JsonElement schema)
    {
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            arguments = JsonSerializer.SerializeToElement(new { });
        }
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidToolArgumentsException("arguments must be a JSON object");
        }
        T? bound;
        try
        {
            bound = arguments.Deserialize<T>(ToolJson.Strict);
        }
        catch (JsonException e)
        {
            throw new InvalidToolArgumentsException(Explain(e, schema));
        }
        if (bound is null)
        {
            throw new InvalidToolArgumentsException("arguments must be a JSON object");
        }
        CheckConstraints(bound);
        return bound;
    }

    private static string Explain(JsonException e, JsonElement schema)
    {
        var message = e.Message;
        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            return $"unknown argument '{unmapped.Groups[1].Value}'";
        }
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = QuotedName().Matches(message[message.IndexOf("including", StringComparison.Ordinal)..]).Select(m => $"'{m.Groups[1].Value}'");
            var list = string.Join(", ", names);
            return list.Contains(',', StringComparison.Ordinal) ? $"{list} are required" : $"{list} is required";
        }
        var name = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..].Split('.', '[')[0] : null;
        if (name is null)
        {
            return "arguments must be a JSON object";
        }
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("allow", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{name}' must not be null";
        }
        return $"'{name}' must be {Expected(schema, name)}";
    }

    /// <summary>What the schema says a member must be, in words.</summary>
    private static string Expected(JsonElement schema, string name)
    {
        if (!schema.TryGetProperty("properties", out var properties) || !properties.TryGetProperty(name, out var property))
        {
            return "of the documented type";
        }
        if (property.TryGetProperty("enum", out var values))
        {
            return "one of " + string.Join(", ", values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => $"\"{v.GetString()}\""));
        }
        if (property.TryGetProperty("format", out var format) && format.GetString() == "date")
        {
            return "a date such as \"2026-01-31\"";
        }
        var type = property.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(v => v.GetString()).First(v => v != "null") : t.GetString()
            : null;
        return type switch
        {
            "integer" => "an integer",
            "boolean" => "true or false",
            "array" => "an array",
            "object" => "an object",
            "string" => "a string",
            _ => "of the documented type",
        };
    }

    /// <summary>Ranges, numeric ids and non-empty required strings, checked after binding.</summary>
    private static void CheckConstraints(object bound)
    {
        foreach (var constraint in ConstraintsOf.GetOrAdd(bound.GetType(), ReadConstraints))
        {
            var value = constraint.Property.GetValue(bound);
            var name = constraint.Name;
            if (constraint.Range is { } range && value is int number && (number < range.Minimum || number > range.Maximum))
            {
                throw new InvalidToolArgumentsException($"'{name}' must be between {range.Minimum} and {range.Maximum}");
            }
            if (constraint.SingleLine && SingleLineViolation(value))
            {
                throw new InvalidToolArgumentsException($"'{name}' must be one line of text without control characters (line breaks, tabs)");
            }
            if (value is string text)
            {
                if (constraint.NumericId && !NumericId().IsMatch(text))
                {
                    throw new InvalidToolArgumentsException($"'{name}' must be a numeric Confluence id such as \"123456\"");
                }
                if (constraint.NotEmpty && string.IsNullOrWhiteSpace(text))
                {
                    throw new InvalidToolArgumentsException($"'{name}' must not be empty");
                }
            }
        }
    }

    private static PropertyConstraint[] ReadConstraints(Type type)
    {
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters())
            .GroupBy(p => p.Name!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var nullability = new NullabilityInfoContext();
        return
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(property =>
            {
                var parameter = parameters.GetValueOrDefault(property.Name);
                var attributes = property.GetCustomAttributes(true).Concat(parameter?.GetCustomAttributes(true) ?? []).ToList();
                var range = attributes.OfType<RangeAttribute>().FirstOrDefault() is { } declared
                    ? (Convert.ToInt32(declared.Minimum, CultureInfo.InvariantCulture), Convert.ToInt32(declared.Maximum, CultureInfo.InvariantCulture))
                    : ((int Minimum, int Maximum)?)null;
                return new PropertyConstraint(
                    property,
                    JsonNamingPolicy.CamelCase.ConvertName(property.Name),
                    range,
                    attributes.OfType<SingleLineAttribute>().Any(),
                    attributes.OfType<NumericIdAttribute>().Any(),
                    property.PropertyType == typeof(string) && nullability.Create(property).ReadState == NullabilityState.NotNull);
            }),
        ];
    }

    private sealed record PropertyConstraint(
        PropertyInfo Property, string Name, (int Minimum, int Maximum)? Range, bool SingleLine, bool NumericId, bool NotEmpty);

    private static bool SingleLineViolation(object? value) => value switch
    {
        string text => text.Any(char.IsControl),
        IEnumerable<string> texts => texts.Any(t => t.Any(char.IsControl)),
        _ => false,
    };

    [GeneratedRegex("property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(NumericIdAttribute.DotNetPattern, RegexOptions.CultureInvariant)]
    private static partial Regex NumericId();
}
