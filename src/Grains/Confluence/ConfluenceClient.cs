using System.Net;
using System.Net.Http.Headers;
using Platform.Confluence.Tools;
using Platform.Grains.Refusals;
using Platform.Grains.Telemetry;
using Platform.Outbound;

namespace Platform.Grains.Confluence;

/// <summary>
/// The HTTP side of every Confluence call (a typed <see cref="HttpClient"/> whose handler connects to public addresses
/// only, see <see cref="PrivateAddressGuard"/>): keeps the path inside the API root, adds the caller's credentials, sends
/// JSON or a multipart upload, reads the answer with its Retry-After, and measures it. A write follows no redirect. A
/// read follows at most <see cref="MaxRedirects"/>, and only to hosts <see cref="ConfluenceDestinations.MayRedirectTo"/>
/// allows (Atlassian's media host for attachments); the credentials go only to the API root's own origin. A redirect
/// anywhere else is refused with <see cref="DestinationRefusedException"/>, never fetched.
/// </summary>
public sealed class ConfluenceClient(HttpClient http, ConfluenceDestinations destinations, PlatformMetrics metrics, TimeProvider time)
{
    public const int MaxRedirects = 3;

    public async Task<ConfluenceResponse> SendAsync(ConfluenceCredentials credentials, ConfluenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(request);
        var method = ParseMethod(request.Method);
        var url = new Uri(credentials.ApiRoot, ConfluencePaths.Validate(request.Path));
        var started = time.GetTimestamp();
        using var response = method == HttpMethod.Get
            ? await GetAsync(credentials, url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false)
            : await SendOnceAsync(credentials, method, url, request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        metrics.ConfluenceResponded(method.Method, (int)response.StatusCode, time.GetElapsedTime(started));
        var contentType = response.Content.Headers.ContentType;
        return new ConfluenceResponse((int)response.StatusCode, body, RetryAfter(response.Headers.RetryAfter), contentType?.MediaType, contentType?.CharSet);
    }

    /// <summary>A binary GET read as a stream, never more than <paramref name="maxBytes"/> of it.</summary>
    public async Task<ConfluenceDownload> DownloadAsync(ConfluenceCredentials credentials, string path, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var url = new Uri(credentials.ApiRoot, ConfluencePaths.Validate(path));
        var started = time.GetTimestamp();
        using var response = await GetAsync(credentials, url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
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

    private async Task<HttpResponseMessage> SendOnceAsync(
        ConfluenceCredentials credentials, HttpMethod method, Uri url, ConfluenceRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, url);
        message.Headers.Authorization = credentials.Authorization;
        message.Content = ConfluenceContent.For(request, message.Headers);
        return await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A GET that follows allowed redirects; the credentials go only to the API root's origin.</summary>
    private async Task<HttpResponseMessage> GetAsync(ConfluenceCredentials credentials, Uri url, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            if (SameOrigin(url, credentials.ApiRoot))
            {
                message.Headers.Authorization = credentials.Authorization;
            }

            var response = await http.SendAsync(message, completion, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            var target = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (redirects == MaxRedirects)
            {
                throw new DestinationRefusedException($"Confluence redirected the request more than {MaxRedirects} times; the gateway stopped following it.");
            }

            if (!destinations.MayRedirectTo(target))
            {
                throw new DestinationRefusedException(
                    $"Confluence redirected the request to {Echo.Quote(target.IsAbsoluteUri ? target.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) : target.OriginalString)}, "
                    + "which is not an Atlassian host this gateway may reach; it was not followed and nothing was read from there.");
            }

            url = target;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool SameOrigin(Uri url, Uri root) =>
        url.Scheme == root.Scheme && url.Port == root.Port && string.Equals(url.IdnHost, root.IdnHost, StringComparison.OrdinalIgnoreCase);

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
