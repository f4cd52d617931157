using System.Globalization;
using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>Turns Confluence's error answers into messages a model can act on.</summary>
internal static class UpstreamErrors
{
    private static readonly string[] V2MessageMembers = ["title", "detail"];

    /// <summary>Without Retry-After, a server error suggests a wait long enough for a restart or failover.</summary>
    private static readonly TimeSpan ServerErrorRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The tool error for a non-2xx answer. <paramref name="attempts"/> says how often a read was tried; a
    /// <paramref name="write"/> is never retried, because a write that failed late may still have been applied.
    /// </summary>
    public static ToolOutcome Describe(ConfluenceResponse response, string subject, IReadOnlyList<string> scopes, int attempts = 1, bool write = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = response.StatusCode;
        var detail = MessageOf(response.Json);
        var retryAfter = status switch
        {
            429 => response.RetryAfter ?? TimeSpan.FromSeconds(1),
            >= 500 => response.RetryAfter ?? ServerErrorRetryAfter,
            _ => response.RetryAfter,
        };
        var text = status switch
        {
            // Atlassian answers 401 for a missing scope too; the gateway tells a revoked grant apart before answering.
            401 or 403 => $"Confluence refused access to the {subject} ({status}{Suffix(detail)}): the connection is missing one of the scopes " +
                $"{string.Join(", ", scopes)}, or you have no permission on it. Ask the user to reconnect with those scopes or to get access.",
            404 => $"Confluence found no {subject}, or you can't see it. Check the id (search or list tools give valid ids).",
            409 => $"Confluence reported a conflict on the {subject}{Suffix(detail)}.",
            429 => $"Confluence rate limited this call; retry after {Seconds(retryAfter)} s.",
            >= 500 => $"Confluence failed with {status}{Suffix(detail)} on the {subject}. {Retried(attempts, write)} " +
                $"This is on Confluence's side; try again in {Seconds(retryAfter)} s.",
            _ => $"Confluence rejected the request on the {subject} ({status}){Suffix(detail)}.",
        };
        return ToolOutcome.ToolError(text, status, retryAfter);
    }

    private static string Retried(int attempts, bool write) => write
        ? "The gateway did not retry it, because it changes content; check whether the change was applied before trying again."
        : attempts > 1 ? $"The gateway tried {attempts} times." : "The gateway did not retry it.";

    /// <summary>Confluence's own message: v2 <c>errors[0].title/detail</c>, v1 <c>message</c>.</summary>
    public static string? MessageOf(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var parts = V2MessageMembers.Select(p => first.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                    .OfType<string>().Where(s => s.Length > 0);
                return string.Join(": ", parts);
            }
            return root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Suffix(string? detail) => string.IsNullOrWhiteSpace(detail) ? "" : ": " + detail;

    private static string Seconds(TimeSpan? retryAfter) =>
        Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
