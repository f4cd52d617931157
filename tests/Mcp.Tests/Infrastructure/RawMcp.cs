using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>JSON-RPC requests to the MCP endpoint over plain HTTP, for what an SDK client would not send or would hide.</summary>
public static class RawMcp
{
    public const string ListTools = """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""";

    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    public static HttpRequestMessage Post(Uri url, string json, string? key = null, string? session = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
        }

        return request;
    }

    /// <summary>The HTTP status an <c>initialize</c> with <paramref name="key"/> gets: 200, or 401 for a key that does not work.</summary>
    public static async Task<HttpStatusCode> InitializeStatusAsync(Uri url, string key)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(Post(url, Initialize, key));
        return response.StatusCode;
    }
}
