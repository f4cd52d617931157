using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>
/// The calls of one tool invocation. Reads are retried twice on 5xx with a short backoff; writes are never retried,
/// because a write that failed late may still have been applied. Failures end the invocation with a tool error.
/// </summary>
internal sealed class ConfluenceSession(IConfluenceApi api, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
{
    private const int ReadRetries = 2;
    private static readonly TimeSpan RetryBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly byte[] JsonWhitespace = " \t\r\n"u8.ToArray();

    public IConfluenceApi Api => api;

    public CancellationToken CancellationToken => cancellationToken;

    public async Task<JsonElement> GetAsync(string path, string subject) => Parse(await GetRawAsync(path, subject).ConfigureAwait(false));

    public async Task<ConfluenceResponse> GetRawAsync(string path, string subject)
    {
        var request = new ConfluenceRequest("GET", path);
        for (var attempt = 0; ; attempt++)
        {
            var response = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode < 500 || attempt == ReadRetries)
            {
                return Succeeded(response, subject, attempts: attempt + 1);
            }
            await Task.Delay(RetryBackoff * (attempt + 1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A binary read, retried like other reads; a failed status ends the invocation with a tool error.</summary>
    public async Task<ConfluenceDownload> DownloadAsync(string path, long maxBytes, string subject)
    {
        for (var attempt = 0; ; attempt++)
        {
            var download = await api.DownloadAsync(path, maxBytes, cancellationToken).ConfigureAwait(false);
            if (download.StatusCode < 500 || download.StatusCode == 501 || attempt == ReadRetries)
            {
                return download.StatusCode is >= 200 and < 300 || download.StatusCode == 501
                    ? download
                    : throw new UpstreamFailureException(UpstreamErrors.Describe(new ConfluenceResponse(download.StatusCode, [], download.RetryAfter), subject, scopes));
            }
            await Task.Delay(RetryBackoff * (attempt + 1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A write; the parsed answer, or an undefined element for an empty answer (204).</summary>
    public async Task<JsonElement> SendAsync(string method, string path, object? body, string subject)
    {
        var json = body is null ? null : JsonSerializer.Serialize(body, ToolJson.Request);
        var response = await api.SendAsync(new ConfluenceRequest(method, path, json), cancellationToken).ConfigureAwait(false);
        return Parse(Succeeded(response, subject, attempts: 1, write: true));
    }

    public async Task<JsonElement> UploadAsync(string path, FileUpload upload, string subject)
    {
        var response = await api.SendAsync(new ConfluenceRequest("POST", path, Upload: upload), cancellationToken).ConfigureAwait(false);
        return Parse(Succeeded(response, subject, attempts: 1, write: true));
    }

    private ConfluenceResponse Succeeded(ConfluenceResponse response, string subject, int attempts, bool write = false) =>
        response.StatusCode is >= 200 and < 300
            ? response
            : throw new UpstreamFailureException(UpstreamErrors.Describe(response, subject, scopes, attempts, write));

    private static JsonElement Parse(ConfluenceResponse response)
    {
        var json = response.Json.Span;
        if (json.Trim(JsonWhitespace).IsEmpty)
        {
            return default;
        }
        try
        {
            // One copy of the value, owned by the element: nothing pooled to return, nothing to clone.
            return JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            throw new UpstreamFailureException(ToolOutcome.ToolError("Confluence answered with something that is not JSON; try again later.", response.StatusCode));
        }
    }
}
