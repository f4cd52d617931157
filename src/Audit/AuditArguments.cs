using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

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
        var canonical = new ArrayBufferWriter<byte>(256);
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            WriteCanonical(canonical, document.RootElement, redact: false);
            var digest = Digest(canonical.WrittenSpan);
            canonical.ResetWrittenCount();
            WriteCanonical(canonical, document.RootElement, redact: true);
            return new AuditArgumentsSummary(digest, Bound(Encoding.UTF8.GetString(canonical.WrittenSpan), PreviewMaxChars));
        }
        catch (Exception exception) when (IsNotJsonText(exception))
        {
            // Unparseable input is digested as sent and never previewed: it may be anything.
            return new AuditArgumentsSummary(Digest(Encoding.UTF8.GetBytes(argumentsJson)), NotJson(argumentsJson));
        }
    }

    /// <summary>An admin object's JSON before or after a change, with secrets redacted and bounded.</summary>
    public static string RedactSnapshot(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var redacted = new ArrayBufferWriter<byte>(256);
        try
        {
            using var document = JsonDocument.Parse(json);
            WriteCanonical(redacted, document.RootElement, redact: true);
            return Bound(Encoding.UTF8.GetString(redacted.WrittenSpan), SnapshotMaxChars);
        }
        catch (Exception exception) when (IsNotJsonText(exception))
        {
            return NotJson(json);
        }
    }

    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var normalized = key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return SecretKeys.Contains(normalized) || SecretFragments.Any(fragment => normalized.Contains(fragment, StringComparison.Ordinal));
    }

    /// <summary>
    /// Text that is not JSON (<see cref="JsonException"/>), not even valid UTF-16 (<see cref="ArgumentException"/>), or
    /// JSON whose strings are not Unicode, an unpaired surrogate escape that no canonical form can hold
    /// (<see cref="InvalidOperationException"/>).
    /// </summary>
    private static bool IsNotJsonText(Exception exception) => exception is JsonException or ArgumentException or InvalidOperationException;

    /// <summary>Object keys in ordinal order, no whitespace, strings escaped as System.Text.Json escapes them.</summary>
    private static void WriteCanonical(ArrayBufferWriter<byte> output, JsonElement root, bool redact)
    {
        using var writer = new Utf8JsonWriter(output);
        WriteCanonical(writer, root, redact);
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element, bool redact)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Sorted stably: a name given twice keeps both values, in the order sent, so the record hides neither.
                var properties = element.EnumerateObject().Select(property => (property.Name, property.Value)).ToArray();
                var sorted = properties.Length < 2 ? properties : properties.OrderBy(property => property.Name, StringComparer.Ordinal).ToArray();
                writer.WriteStartObject();
                foreach (var (name, value) in sorted)
                {
                    writer.WritePropertyName(name);
                    if (redact && IsSecretKey(name))
                    {
                        writer.WriteStringValue(RedactedValue);
                    }
                    else
                    {
                        WriteCanonical(writer, value, redact);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item, redact);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string NotJson(string text) => $"(not JSON, {text.Length} chars)";

    private static string Digest(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Bound(string text, int maxChars) => text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1), "…");
}
