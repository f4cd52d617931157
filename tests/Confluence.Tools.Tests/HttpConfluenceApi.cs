using System.Net.Http.Headers;
using System.Text;

namespace Platform.Confluence.Tools.Tests;

/// <summary>
/// The test transport: a 3LO bearer token against the simulator's <c>/api/ex/confluence/{cloudId}/</c> root, as the
/// grain will do against api.atlassian.com. Counts the requests it sends so tests can prove none went out.
/// </summary>
public sealed class HttpConfluenceApi(HttpClient http, string baseUrl, string cloudId, string token, IReadOnlyList<AccessibleSite> sites) : IConfluenceApi
{
    private int requestCount;

    public int RequestCount => requestCount;

    public List<ConfluenceRequest> Requests { get; } = [];

    public async Task<ConfluenceResponse> SendAsync(ConfluenceRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requestCount);
        lock (Requests)
        {
            Requests.Add(request);
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), $"{baseUrl}/api/ex/confluence/{cloudId}/{request.Path}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.JsonBody is { } json)
        {
            message.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (request.Upload is { } upload)
        {
            // Confluence's XSRF check refuses multipart uploads without this header.
            message.Headers.Add("X-Atlassian-Token", "no-check");
            var file = new ByteArrayContent(upload.Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(upload.MediaType);
            var form = new MultipartFormDataContent { { file, "file", upload.FileName } };
            if (upload.Comment is { } comment)
            {
                form.Add(new StringContent(comment), "comment");
            }
            message.Content = form;
        }
        using var response = await http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = response.Content.Headers.ContentType;
        return new ConfluenceResponse((int)response.StatusCode, body, response.Headers.RetryAfter?.Delta, contentType?.MediaType, contentType?.CharSet);
    }

    public async Task<ConfluenceDownload> DownloadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requestCount);
        lock (Requests)
        {
            Requests.Add(new ConfluenceRequest("GET", path));
        }
        using var message = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/api/ex/confluence/{cloudId}/{path}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!response.IsSuccessStatusCode)
        {
            return new ConfluenceDownload((int)response.StatusCode, [], mediaType, RetryAfter: response.Headers.RetryAfter?.Delta);
        }
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return new ConfluenceDownload((int)response.StatusCode, [], mediaType, TooLarge: true);
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return bytes.Length > maxBytes ? new ConfluenceDownload((int)response.StatusCode, [], mediaType, TooLarge: true) : new ConfluenceDownload((int)response.StatusCode, bytes, mediaType);
    }

    /// <summary>A call straight to the simulator, to set up or check its state around a tool call; not counted.</summary>
    public async Task<System.Text.Json.JsonElement> DirectAsync(string method, string path, object? body = null)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), $"{baseUrl}/api/ex/confluence/{cloudId}/{path}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            message.Content = System.Net.Http.Json.JsonContent.Create(body);
        }
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<System.Text.Json.JsonElement> GetJsonAsync(string path) => DirectAsync("GET", path);

    /// <summary>The status of a direct GET, for checking that something is gone.</summary>
    public async Task<int> StatusOfAsync(string path)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/api/ex/confluence/{cloudId}/{path}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(message);
        return (int)response.StatusCode;
    }

    public Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken) => Task.FromResult(sites);
}
