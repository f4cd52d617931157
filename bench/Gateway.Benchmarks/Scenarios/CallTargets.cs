using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Targets;

namespace Platform.Benchmarks.Scenarios;

/// <summary>The calls the scenarios make: the page read straight from the simulator, and get_page or tools/list through a gateway.</summary>
internal static class CallTargets
{
    /// <summary>The same Confluence read get_page makes, sent straight to the simulator with the same user's token.</summary>
    public static ClosedLoop.Call Direct(HttpClient http, SimulatorProcess simulator, string accessToken)
    {
        var expected = Encoding.UTF8.GetBytes($"\"id\":\"{simulator.PageId}\"");
        var bearer = new AuthenticationHeaderValue("Bearer", accessToken);
        return async (_, _, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, simulator.PageUrl);
            request.Headers.Authorization = bearer;
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.StatusCode != HttpStatusCode.OK ? $"http {(int)response.StatusCode}"
                : body.AsSpan().IndexOf(expected) < 0 ? "unexpected body: not the page asked for"
                : null;
        };
    }

    /// <summary>get_page of the benchmark page, in the caller's session (one per caller) or stateless when there are none.</summary>
    public static ClosedLoop.Call GetPage(McpWire mcp, SimulatorProcess simulator, Func<int, long, SeededUser> userOf, IReadOnlyList<string>? sessions = null)
    {
        var arguments = $$"""{"pageId":"{{simulator.PageId}}"}""";
        return (caller, sequence, cancellationToken) =>
            mcp.CallToolAsync(userOf(caller, sequence), sessions?[caller % sessions.Count], sequence, "get_page", arguments, simulator.PageId, cancellationToken);
    }

    /// <summary>
    /// get_page once by each user in turn (stateless), then <see cref="ClosedLoop.NothingLeft"/>: each user's grain
    /// activates, reads its policy and makes its first Confluence call.
    /// </summary>
    public static ClosedLoop.Call EachUserOnce(McpWire mcp, SimulatorProcess simulator, IReadOnlyList<SeededUser> users)
    {
        var next = -1L;
        return (caller, sequence, cancellationToken) => Interlocked.Increment(ref next) is var index && index < users.Count
            ? GetPage(mcp, simulator, (_, _) => users[(int)index])(caller, sequence, cancellationToken)
            : Task.FromResult<string?>(ClosedLoop.NothingLeft);
    }

    public static ClosedLoop.Call ListTools(McpWire mcp, SeededUser user, IReadOnlyList<string>? sessions = null) =>
        (caller, sequence, cancellationToken) => mcp.ListToolsAsync(user, sessions?[caller % sessions.Count], sequence, cancellationToken);

    public static HttpClient LoadClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = int.MaxValue,
        UseCookies = false,
        AllowAutoRedirect = false,
        UseProxy = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };
}
