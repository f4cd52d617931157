using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Benchmarks.Targets;

namespace Platform.Benchmarks.Load;

/// <summary>
/// MCP Streamable HTTP as a lean client speaks it, so the load generator spends little of the shared CPU: sessions
/// (<c>initialize</c>, then requests with <c>Mcp-Session-Id</c>) and 2026-07-28 stateless requests (version, client and
/// capabilities in <c>_meta</c>, method and name in headers). Every answer is checked and classified.
/// </summary>
internal sealed class McpWire(HttpClient http, Uri gateway)
{
    public const string SessionRevision = "2025-11-25";
    public const string StatelessRevision = "2026-07-28";

    private const string StatelessMeta =
        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"gateway-bench\",\"version\":\"1\"},\"io.modelcontextprotocol/clientCapabilities\":{}}";

    /// <summary>A new session of the user: its id.</summary>
    public async Task<string> StartSessionAsync(SeededUser user)
    {
        const string Initialize =
            """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"gateway-bench","version":"1"}}}""";
        using var initialized = await http.SendAsync(Post(user, Initialize, null, SessionRevision));
        initialized.EnsureSuccessStatusCode();
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        using var notified = await http.SendAsync(Post(user, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", session, SessionRevision));
        notified.EnsureSuccessStatusCode();
        return session;
    }

    /// <summary>tools/call in a session, or stateless when <paramref name="session"/> is null; null when the page came back.</summary>
    public async Task<string?> CallToolAsync(SeededUser user, string? session, long id, string tool, string argumentsJson, string expectedId, CancellationToken cancellationToken)
    {
        var parameters = session is null
            ? $$"""{"name":"{{tool}}","arguments":{{argumentsJson}},{{StatelessMeta}}}"""
            : $$"""{"name":"{{tool}}","arguments":{{argumentsJson}}}""";
        using var request = Post(user, Request(id, "tools/call", parameters), session, session is null ? StatelessRevision : SessionRevision);
        if (session is null)
        {
            request.Headers.Add("Mcp-Method", "tools/call");
            request.Headers.Add("Mcp-Name", tool);
        }

        return await SendAsync(request, Parsed(result => ToolResultProblem(result, expectedId)), cancellationToken);
    }

    /// <summary>tools/list in a session, or stateless; null when it listed tools.</summary>
    public async Task<string?> ListToolsAsync(SeededUser user, string? session, long id, CancellationToken cancellationToken)
    {
        using var request = Post(user, Request(id, "tools/list", session is null ? $$"""{{{StatelessMeta}}}""" : "{}"), session,
            session is null ? StatelessRevision : SessionRevision);
        if (session is null)
        {
            request.Headers.Add("Mcp-Method", "tools/list");
        }

        return await SendAsync(request, ListProblem, cancellationToken);
    }

    private static string Request(long id, string method, string parameters) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{parameters}}}""");

    private HttpRequestMessage Post(SeededUser user, string json, string? session, string revision)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, $"t/{user.Tenant}/mcp")) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Key);
        request.Headers.Add("MCP-Protocol-Version", revision);
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
        }

        return request;
    }

    private async Task<string?> SendAsync(HttpRequestMessage request, Func<ReadOnlyMemory<byte>, string?> checkMessage, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var body = new PooledBody();
        await body.ReadAsync(response, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"http {(int)response.StatusCode}{Detail(body.Content.Span)}";
        }

        return MessageOf(body.Content) is { } message ? checkMessage(message) : "malformed answer: no JSON-RPC message";
    }

    /// <summary>Checks a JSON-RPC answer parsed into a document: its error, or <paramref name="checkResult"/> of its result.</summary>
    private static Func<ReadOnlyMemory<byte>, string?> Parsed(Func<JsonElement, string?> checkResult) => message =>
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            return $"json-rpc error {error.GetProperty("code").GetInt32()}: {Short(error.GetProperty("message").GetString())}";
        }

        return root.TryGetProperty("result", out var result) ? checkResult(result) : "malformed answer: neither result nor error";
    };

    /// <summary>
    /// A tools/list answer read to its end as tokens without building a document (a 45 KB list parsed into one per call
    /// cost the load generator more than the gateway's whole answer): well-formed, a result with a non-empty tools array.
    /// </summary>
    private static string? ListProblem(ReadOnlyMemory<byte> message)
    {
        var reader = new Utf8JsonReader(message.Span);
        var listed = false;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("error"u8))
                {
                    return Parsed(_ => null)(message);
                }

                if (reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("tools"u8))
                {
                    reader.Read();
                    listed = reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.StartObject;
                }
            }
        }
        catch (JsonException exception)
        {
            return $"malformed answer: {Short(exception.Message)}";
        }

        return listed ? null : "unexpected result: no tools listed";
    }

    /// <summary>A tool error names its first words, so a rate limit, a missing connection and a Confluence failure count apart.</summary>
    private static string? ToolResultProblem(JsonElement result, string expectedId)
    {
        var text = result.TryGetProperty("content", out var content) && content.GetArrayLength() > 0 && content[0].TryGetProperty("text", out var first)
            ? first.GetString()
            : null;
        if (result.TryGetProperty("isError", out var isError) && isError.GetBoolean())
        {
            return $"tool error: {Short(text)}";
        }

        return result.TryGetProperty("structuredContent", out var structured) && structured.TryGetProperty("id", out var id) && id.GetString() == expectedId
            ? null
            : "unexpected result: not the page asked for";
    }

    /// <summary>The JSON of the first server-sent event's data, or the body itself when it came as JSON.</summary>
    private static ReadOnlyMemory<byte>? MessageOf(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var data = span.IndexOf("data: "u8);
        if (data < 0)
        {
            return span.TrimStart(" \r\n"u8) is [(byte)'{', ..] ? body : null;
        }

        var start = data + "data: ".Length;
        var end = span[start..].IndexOf((byte)'\n');
        return body.Slice(start, end < 0 ? body.Length - start : end);
    }

    private static string Detail(ReadOnlySpan<byte> body) => body.IsEmpty ? "" : $": {Short(Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]))}";

    /// <summary>The first words of a message, digits masked, so messages differing only in numbers count as one kind.</summary>
    public static string Short(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "(no text)";
        }

        var words = string.Join(' ', text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Take(12));
        return new string([.. words.Select(c => char.IsAsciiDigit(c) ? '#' : c)]);
    }
}
