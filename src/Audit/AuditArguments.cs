using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Audit;

/// <summary>
/// Turns raw arguments JSON into what the audit log keeps: a digest of the canonical form (object keys sorted, no
/// whitespace) and a bounded preview with secret-looking values replaced.
/// </summary>
public static class AuditArguments
{
    public const int PreviewMaxChars = 500;

    public const int SnapshotMaxChars = 8000;

    public const string RedactedValue = "[redacted]";

    /// <summary>Key fragments (lowercased, '_' and '-' removed) whose values are never stored.</summary>
    private static readonly string[] SecretFragments =
    [
        "token", "secret", "password", "passwd", "credential", "authorization", "cookie", "apikey", "privatekey",
        "accesskey", "signature", "session",
    ];

    /// <summary>Whole keys that are secrets; "key" alone is, but Confluence's "spaceKey" is not, so no fragment match.</summary>
    private static readonly string[] SecretKeys = ["key", "auth", "pass", "pwd", "pin", "otp"];

    public static AuditArgumentsSummary Describe(string argumentsJson)
    {
        ArgumentNullException.ThrowIfNull(argumentsJson);
        var node = TryParse(argumentsJson, out var parsed) ? parsed : null;
        if (node is null && argumentsJson.Trim() != "null")
        {
            // Unparseable input is digested as sent and never previewed: it may be anything.
            return new AuditArgumentsSummary(Digest(argumentsJson), $"(not JSON, {argumentsJson.Length} chars)");
        }

        var canonical = Canonicalize(node, redact: false);
        return new AuditArgumentsSummary(Digest(Serialize(canonical)), Bound(Serialize(Canonicalize(node, redact: true)), PreviewMaxChars));
    }

    /// <summary>An admin object's JSON before or after a change, with secrets redacted and bounded.</summary>
    public static string RedactSnapshot(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(json, out var node)
            ? Bound(Serialize(Canonicalize(node, redact: true)), SnapshotMaxChars)
            : $"(not JSON, {json.Length} chars)";
    }

    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var normalized = key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return SecretKeys.Contains(normalized) || SecretFragments.Any(fragment => normalized.Contains(fragment, StringComparison.Ordinal));
    }

    private static bool TryParse(string json, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(json);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            // ArgumentException: text that is not even valid UTF-16 (an unpaired surrogate).
            node = null;
            return false;
        }
    }

    private static JsonNode? Canonicalize(JsonNode? node, bool redact) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(property => property.Key, StringComparer.Ordinal)
            .Select(property => KeyValuePair.Create(
                property.Key,
                redact && IsSecretKey(property.Key) ? JsonValue.Create(RedactedValue) : Canonicalize(property.Value, redact)))),
        JsonArray array => new JsonArray([.. array.Select(item => Canonicalize(item, redact))]),
        null => null,
        _ => node.DeepClone(),
    };

    private static string Serialize(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Bound(string text, int maxChars) => text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1), "…");
}
