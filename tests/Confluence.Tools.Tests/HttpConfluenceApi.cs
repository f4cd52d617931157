using System.Net.Http.Headers;
using System.Text;
using Platform.Grains.Connections;

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
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ConfluenceResponse((int)response.StatusCode, body, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A call straight to the simulator, to check its state after a tool ran; not counted.</summary>
    public async Task<System.Text.Json.JsonElement> GetJsonAsync(string path)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/api/ex/confluence/{cloudId}/{path}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken) => Task.FromResult(sites);
}
