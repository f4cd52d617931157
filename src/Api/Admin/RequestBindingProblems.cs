using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>
/// Says what was wrong with a request the framework could not bind, by field: malformed JSON (where), a JSON value of
/// the wrong type (which property and what it must be), a route or query value that does not parse (which parameter,
/// what it must be, the value echoed capped), a missing or oversized body. Never echoes the body.
/// </summary>
internal static partial class RequestBindingProblems
{
    public static ProblemHttpResult Describe(HttpContext http, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return AdminProblems.TooLarge();
        }

        if (bad.InnerException is JsonException json)
        {
            return JsonProblem(http, json);
        }

        if (FailedParameter().Match(bad.Message) is { Success: true } failed)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(failed.Groups["name"].Value);
            var value = Echo.Quote(failed.Groups["value"].Value);
            return Invalid(name, ParameterType(http, name) switch
            {
                { } type when type == typeof(TenantId) => $"{value} is not a valid {name}. {TenantId.Rule}",
                { } type when type == typeof(UserId) => $"{value} is not a valid {name}. {UserId.Rule}",
                { } type => $"'{name}' must be {Expectation(type)}; {value} is not.",
                null => $"{value} is not a valid {name}.",
            });
        }

        return bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            ? Invalid("body", "This route needs a JSON object in the request body.")
            : Invalid("request", Echo.Cap(bad.Message, RequestRefusedException.MaxMessageLength));
    }

    private static ProblemHttpResult JsonProblem(HttpContext http, JsonException json)
    {
        var at = $"line {(json.LineNumber ?? 0) + 1}, byte {(json.BytePositionInLine ?? 0) + 1}";
        // The reader's own exception (a JsonException too) means the text is not JSON at all; otherwise a value did not fit.
        if (json.InnerException is JsonException)
        {
            return Invalid("body", $"The request body is not valid JSON ({at}).");
        }

        var path = json.Path ?? "$";
        var field = path == "$" ? "body" : path.TrimStart('$', '.');
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var expected = AdminProblems.FailedEndpoint(http)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } body && TypeAt(options, body, path) is { } type
            ? Expectation(type)
            : "a value of another type";
        return Invalid(field, path == "$" ? $"The request body must be {expected} ({at})." : $"'{field}' must be {expected} ({at}).");
    }

    private static ProblemHttpResult Invalid(string field, string message) =>
        AdminProblems.Invalid(new Dictionary<string, string[]> { [field] = [message] }, message);

    /// <summary>What a value of <paramref name="type"/> looks like in JSON or a URL, as a request would need to send it.</summary>
    private static string Expectation(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "an integer",
            _ when type == typeof(DateTimeOffset) => "a date and time such as 2026-01-31T09:00:00Z",
            { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ when type.IsAssignableTo(typeof(IEnumerable)) => "an array" + (ElementType(type) is { } element ? $" of {Plural(Expectation(element))}" : ""),
            _ => "a JSON object",
        };
    }

    private static string Plural(string expectation) => expectation switch
    {
        "a string" => "strings",
        "an integer" => "integers",
        _ => $"items that are each {expectation}",
    };

    private static Type? ElementType(Type enumerable) =>
        enumerable.IsArray ? enumerable.GetElementType() : enumerable.GetInterfaces().Append(enumerable)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>The type the JSON at <paramref name="path"/> (e.g. <c>$.members[0]</c>) binds to inside <paramref name="root"/>.</summary>
    private static Type? TypeAt(JsonSerializerOptions options, Type root, string path)
    {
        Type? type = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            type = segment.Groups["index"].Success
                ? info.ElementType
                : info.Properties.FirstOrDefault(p => p.Name == (segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value))?.PropertyType;
            if (type is null)
            {
                return null;
            }
        }

        return type;
    }

    /// <summary>The declared type of a handler's route or query parameter, looking into <c>[AsParameters]</c> records too.</summary>
    private static Type? ParameterType(HttpContext http, string name) =>
        AdminProblems.FailedEndpoint(http)?.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .SelectMany(p => p.GetCustomAttribute<AsParametersAttribute>() is null
                ? [(p.Name, p.ParameterType)]
                : p.ParameterType.GetProperties().Select(property => ((string?)property.Name, property.PropertyType)))
            .FirstOrDefault(p => string.Equals(p.Item1, name, StringComparison.OrdinalIgnoreCase)).Item2;

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ ]+)" from "(?<value>.*)"\.\z""", RegexOptions.Singleline)]
    private static partial Regex FailedParameter();

    [GeneratedRegex("""\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>(?:[^']|'')*)'\]""")]
    private static partial Regex PathSegment();
}
