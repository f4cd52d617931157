using System.Net.Http.Headers;
using Platform.Confluence.Tools;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Confluence;

/// <summary>
/// The HTTP side of every Confluence call (a typed <see cref="HttpClient"/>): keeps the path inside the API root, adds
/// the caller's credentials, sends JSON or a multipart upload, reads the answer with its Retry-After, and measures it.
/// It follows no redirects: an answer elsewhere is returned as it is, never fetched with the caller's credentials.
/// </summary>
public sealed class ConfluenceClient(HttpClient http, PlatformMetrics metrics, TimeProvider time)
{
    public async Task<ConfluenceResponse> SendAsync(ConfluenceCredentials credentials, ConfluenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(request);
        var method = ParseMethod(request.Method);
        using var message = new HttpRequestMessage(method, new Uri(credentials.ApiRoot, ConfluencePaths.Validate(request.Path)));
        message.Headers.Authorization = credentials.Authorization;
        message.Content = ConfluenceContent.For(request, message.Headers);
        var started = time.GetTimestamp();
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        metrics.ConfluenceResponded(method.Method, (int)response.StatusCode, time.GetElapsedTime(started));
        return new ConfluenceResponse((int)response.StatusCode, body, RetryAfter(response.Headers.RetryAfter), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A binary GET read as a stream, never more than <paramref name="maxBytes"/> of it.</summary>
    public async Task<ConfluenceDownload> DownloadAsync(ConfluenceCredentials credentials, string path, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(credentials.ApiRoot, ConfluencePaths.Validate(path)));
        message.Headers.Authorization = credentials.Authorization;
        var started = time.GetTimestamp();
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                return new ConfluenceDownload(status, [], mediaType, RetryAfter: RetryAfter(response.Headers.RetryAfter));
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return new ConfluenceDownload(status, [], mediaType, TooLarge: true);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return new ConfluenceDownload(status, [], mediaType, TooLarge: true);
                }

                buffer.Write(chunk, 0, read);
            }

            return new ConfluenceDownload(status, buffer.ToArray(), mediaType);
        }
        finally
        {
            metrics.ConfluenceResponded(HttpMethod.Get.Method, status, time.GetElapsedTime(started));
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);

    private static HttpMethod ParseMethod(string? method) => method?.ToUpperInvariant() switch
    {
        "GET" => HttpMethod.Get,
        "POST" => HttpMethod.Post,
        "PUT" => HttpMethod.Put,
        "DELETE" => HttpMethod.Delete,
        _ => throw new ArgumentException($"HTTP method '{method}' is not allowed for Confluence calls.", nameof(method)),
    };
}
