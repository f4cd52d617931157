using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

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

    /// <summary>
    /// A 2026-07-28 request as a stateless client sends it: the version, client info and capabilities in the request's
    /// <c>_meta</c>, and the method and name also in the <c>Mcp-Method</c>/<c>Mcp-Name</c> headers (which may disagree).
    /// </summary>
    public static HttpRequestMessage PostModern(Uri url, string key, string method, string? name, string headerMethod, string? headerName)
    {
        var parameters = new System.Text.Json.Nodes.JsonObject
        {
            ["_meta"] = new System.Text.Json.Nodes.JsonObject
            {
                ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
                ["io.modelcontextprotocol/clientInfo"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "raw", ["version"] = "1" },
                ["io.modelcontextprotocol/clientCapabilities"] = new System.Text.Json.Nodes.JsonObject(),
            },
        };
        if (name is not null)
        {
            parameters[method == "resources/read" ? "uri" : "name"] = name;
            if (method == "tools/call")
            {
                parameters["arguments"] = new System.Text.Json.Nodes.JsonObject();
            }
        }

        var body = new System.Text.Json.Nodes.JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters };
        var request = Post(url, body.ToJsonString(), key);
        request.Headers.Remove("MCP-Protocol-Version");
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", headerMethod);
        if (headerName is not null)
        {
            request.Headers.Add("Mcp-Name", headerName);
        }

        return request;
    }

    /// <summary>A session of <paramref name="key"/>'s user, initialized as a client would: its id.</summary>
    public static async Task<string> StartSessionAsync(HttpClient http, Uri url, string key)
    {
        using var initialized = await http.SendAsync(Post(url, Initialize, key));
        initialized.EnsureSuccessStatusCode();
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        using var notified = await http.SendAsync(Post(url, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", key, session));
        notified.EnsureSuccessStatusCode();
        return session;
    }

    /// <summary>The JSON-RPC message of an answer, whether it came as JSON or as one server-sent event.</summary>
    public static async Task<JsonElement> MessageOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var json = body.TrimStart().StartsWith('{')
            ? body
            : body.Split('\n').Single(line => line.StartsWith("data:", StringComparison.Ordinal))["data:".Length..];
        return JsonSerializer.Deserialize<JsonElement>(json);
    }

    /// <summary>The HTTP status an <c>initialize</c> with <paramref name="key"/> gets: 200, or 401 for a key that does not work.</summary>
    public static async Task<HttpStatusCode> InitializeStatusAsync(Uri url, string key)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(Post(url, Initialize, key));
        return response.StatusCode;
    }
}
