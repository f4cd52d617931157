using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Demo;
using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>
/// Every way a tool call can end, through a real MCP client against the simulator's fault injection: what the client
/// receives, exactly one audit row saying how the call ended, and for writes, that Confluence holds the change exactly
/// when the row says Confluence accepted it. (A silo killed mid-call is in the cluster tests, which run real silos.)
/// </summary>
[Collection(FaultMatrixCollection.Name)]
public sealed class FaultMatrixTests(FaultMatrixFixture gateway)
{
    private const int SlowerThanTheTimeout = 4_000;
    private static readonly TimeSpan RowWait = TimeSpan.FromSeconds(15);

    public static TheoryData<int, string> UpstreamErrors => new()
    {
        { 400, "rejected the request" },
        { 401, "refused access" },
        { 403, "refused access" },
        { 404, "found no" },
        { 409, "conflict" },
        { 429, "rate limited this call; retry after 30 s" },
        { 500, "failed with 500" },
        { 503, "failed with 503" },
    };

    [Fact]
    public async Task A_write_that_succeeds_is_a_result_one_allowed_row_and_the_change()
    {
        await using var call = await StartAsync();
        var label = UniqueLabel();

        var result = await call.Client.CallToolAsync("add_labels", AddLabel(call.PageId, label));

        Assert.NotEqual(true, result.IsError);
        AssertRow(await OneRowAsync(call, "add_labels"), "Allowed", 200);
        Assert.Contains(label, await LabelsAsync(call.PageId));
    }

    [Theory]
    [MemberData(nameof(UpstreamErrors))]
    public async Task An_upstream_error_on_a_write_is_a_tool_error_one_row_with_its_status_and_no_change(int status, string says)
    {
        await using var call = await StartAsync();
        var label = UniqueLabel();

        CallToolResult result;
        await using (await gateway.FaultsAsync(Fault(status)))
        {
            result = await call.Client.CallToolAsync("add_labels", AddLabel(call.PageId, label));
        }

        Assert.True(result.IsError);
        Assert.Contains(says, result.Text(), StringComparison.Ordinal);
        if (status >= 500)
        {
            Assert.Contains("did not retry it, because it changes content", result.Text(), StringComparison.Ordinal);
            Assert.Contains("try again in 30 s", result.Text(), StringComparison.Ordinal);
        }

        AssertRow(await OneRowAsync(call, "add_labels"), "Allowed", status);
        Assert.DoesNotContain(label, await LabelsAsync(call.PageId));
    }

    [Theory]
    [MemberData(nameof(UpstreamErrors))]
    public async Task An_upstream_error_on_a_read_is_a_tool_error_and_one_row_with_its_status(int status, string says)
    {
        await using var call = await StartAsync();

        CallToolResult result;
        await using (await gateway.FaultsAsync(Fault(status)))
        {
            result = await call.Client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = call.PageId });
        }

        Assert.True(result.IsError);
        Assert.Contains(says, result.Text(), StringComparison.Ordinal);
        if (status >= 500)
        {
            Assert.Contains("The gateway tried 3 times", result.Text(), StringComparison.Ordinal);
        }

        AssertRow(await OneRowAsync(call, "get_page"), "Allowed", status);
    }

    [Fact]
    public async Task A_revoked_grant_marks_the_connection_needs_reconnect_and_hands_the_user_a_link()
    {
        await using var call = await StartAsync();
        var grain = gateway.Grains.GetUserConnectionGrain(call.User.Tenant, call.User.User);
        var accountId = (await grain.GetConnectionAsync()).AccountId;
        (await gateway.Playground.Simulator.PostAsJsonAsync("/_sim/grants/revoke", new { accountId, clientId = Playground.ClientId })).EnsureSuccessStatusCode();

        var error = await Assert.ThrowsAsync<UrlElicitationRequiredException>(() =>
            call.Client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = call.PageId }).AsTask());

        Assert.Contains("no longer accepts your connection", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(new Uri(gateway.GatewayUrl, "connect?state=").AbsoluteUri, Assert.Single(error.Elicitations).Url, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.NeedsReconnect, (await grain.GetConnectionAsync()).Status);
        AssertRow(await OneRowAsync(call, "get_page"), "Failed", 401);
    }

    [Fact]
    public async Task A_read_past_the_timeout_is_abandoned_and_says_nothing_changed()
    {
        await using var call = await StartAsync();

        CallToolResult result;
        await using (await gateway.FaultsAsync(new { latencyMs = SlowerThanTheTimeout }))
        {
            result = await call.Client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = call.PageId });
        }

        Assert.True(result.IsError);
        Assert.Contains("did not answer within 3 s; nothing was changed", result.Text(), StringComparison.Ordinal);
        var row = await OneRowAsync(call, "get_page");
        AssertRow(row, "Failed", null);
        Assert.Contains("nothing was changed", row.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_past_the_timeout_says_it_may_have_been_applied_and_the_row_says_so_too()
    {
        await using var call = await StartAsync();

        CallToolResult result;
        await using (await gateway.FaultsAsync(new { latencyMs = SlowerThanTheTimeout }))
        {
            result = await call.Client.CallToolAsync("add_labels", AddLabel(call.PageId, UniqueLabel()));
        }

        Assert.True(result.IsError);
        Assert.Contains("may still have been applied", result.Text(), StringComparison.Ordinal);
        var row = await OneRowAsync(call, "add_labels");
        AssertRow(row, "Failed", null);
        Assert.Contains("may still have been applied", row.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_cancelled_before_its_write_went_upstream_sends_nothing_and_its_row_says_cancelled()
    {
        await using var call = await StartAsync();
        var before = await PageVersionAsync(call.PageId);
        var updatesBefore = await gateway.CounterAsync("updatePage");

        await using (await gateway.FaultsAsync(new { latencyMs = 1_500 }))
        {
            // update_page reads the page, then writes it: cancel while the read is upstream.
            await CancelOnceUpstreamAsync(call.Client, "update_page",
                new Dictionary<string, object?> { ["pageId"] = call.PageId, ["body"] = "Cancelled edit", ["version"] = before }, "getPageById");
        }

        var row = await OneRowAsync(call, "update_page");
        AssertRow(row, "Failed", null);
        Assert.Contains("cancelled", row.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(updatesBefore, await gateway.CounterAsync("updatePage"));
        Assert.Equal(before, await PageVersionAsync(call.PageId));
    }

    [Fact]
    public async Task A_call_cancelled_after_its_write_went_upstream_finishes_and_its_row_records_the_change()
    {
        await using var call = await StartAsync();
        var label = UniqueLabel();

        await using (await gateway.FaultsAsync(new { latencyMs = 1_500 }))
        {
            await CancelOnceUpstreamAsync(call.Client, "add_labels", AddLabel(call.PageId, label), "v1.addLabels");
            AssertRow(await OneRowAsync(call, "add_labels"), "Allowed", 200);
        }

        Assert.Contains(label, await LabelsAsync(call.PageId));
    }

    [Fact]
    public async Task An_answers_headers_leave_with_the_answer_not_before_the_tool_has_run()
    {
        var user = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        using var http = new HttpClient();
        using var initialized = await http.SendAsync(RawMcp.Post(gateway.McpUrl(user.Tenant), RawMcp.Initialize, user.Key));
        var session = initialized.Headers.GetValues("Mcp-Session-Id").Single();
        (await http.SendAsync(RawMcp.Post(gateway.McpUrl(user.Tenant), """{"jsonrpc":"2.0","method":"notifications/initialized"}""", user.Key, session))).EnsureSuccessStatusCode();
        var getPage = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_page","arguments":{"pageId":"PAGE"}}}""".Replace("PAGE", site.HomepageId, StringComparison.Ordinal);

        await using (await gateway.FaultsAsync(new { latencyMs = 1_000 }))
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var answer = await http.SendAsync(RawMcp.Post(gateway.McpUrl(user.Tenant), getPage, user.Key, session), HttpCompletionOption.ResponseHeadersRead);
            var headersAfter = started.Elapsed;
            var body = await answer.Content.ReadAsStringAsync();

            // Headers flushed on their own would arrive at once, before Confluence answered, costing a send and a wake-up per call.
            Assert.True(headersAfter >= TimeSpan.FromMilliseconds(900), $"headers came after {headersAfter.TotalMilliseconds} ms");
            Assert.Equal("text/event-stream", answer.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"result\"", body, StringComparison.Ordinal);
        }
    }

    private static object Fault(int status) => status == 429
        ? new { rateLimitStormRequests = 1, retryAfterSeconds = 30 }
        : new { errorRate = 1.0, errorStatus = status, retryAfterSeconds = 30 };

    private static Dictionary<string, object?> AddLabel(string pageId, string label) => new() { ["contentId"] = pageId, ["labels"] = new[] { label } };

    private static string UniqueLabel() => $"fault-{Guid.NewGuid():N}"[..20];

    private static void AssertRow(JsonElement row, string decision, int? upstreamStatus)
    {
        Assert.True(decision == row.GetProperty("decision").GetString(), row.GetRawText());
        Assert.Equal(upstreamStatus, row.TryGetProperty("upstreamStatus", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null);
    }

    /// <summary>A new tenant's connected user with an MCP session, and a page of the seeded site.</summary>
    private async Task<Call> StartAsync()
    {
        var user = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        return new Call(user, await gateway.ConnectClientAsync(user.Tenant, user.Key), site.HomepageId);
    }

    /// <summary>The single audit row of <paramref name="tool"/> in the call's tenant, once it is there (a cancelled call writes it later).</summary>
    private async Task<JsonElement> OneRowAsync(Call call, string tool)
    {
        var deadline = DateTimeOffset.UtcNow + RowWait;
        while (true)
        {
            var rows = await gateway.AuditRowsAsync(call.User.Tenant, tool);
            if (rows.Count > 0 || DateTimeOffset.UtcNow > deadline)
            {
                return Assert.Single(rows);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Starts the call, and once the simulator has received <paramref name="operationId"/>, cancels it as MCP says:
    /// with <c>notifications/cancelled</c> (the C# client sends none when its token is cancelled, and a dropped
    /// connection is not a cancellation in Streamable HTTP). The server answers nothing to a cancelled request.
    /// </summary>
    private async Task CancelOnceUpstreamAsync(McpClient client, string tool, Dictionary<string, object?> arguments, string operationId)
    {
        var before = await gateway.CounterAsync(operationId);
        var id = new RequestId($"cancel-{Guid.NewGuid():N}");
        var parameters = new CallToolRequestParams
        {
            Name = tool,
            Arguments = arguments.ToDictionary(argument => argument.Key, argument => JsonSerializer.SerializeToElement(argument.Value)),
        };
        _ = client.SendRequestAsync<CallToolRequestParams, CallToolResult>(RequestMethods.ToolsCall, parameters, requestId: id).AsTask();
        var deadline = DateTimeOffset.UtcNow + RowWait;
        while (await gateway.CounterAsync(operationId) == before && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await client.SendNotificationAsync(NotificationMethods.CancelledNotification, new CancelledNotificationParams { RequestId = id, Reason = "The user stopped waiting." });
    }

    /// <summary>The page's labels, read by someone of another tenant, so this tenant's audit and back-offs stay untouched.</summary>
    private async Task<string> LabelsAsync(string pageId)
    {
        var observer = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(observer.Tenant, observer.Key);
        return (await client.CallToolAsync("list_labels", new Dictionary<string, object?> { ["contentId"] = pageId })).Text();
    }

    private async Task<int> PageVersionAsync(string pageId)
    {
        var observer = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(observer.Tenant, observer.Key);
        var page = await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = pageId, ["format"] = "storage" });
        return JsonSerializer.Deserialize<JsonElement>(JsonSerializer.Serialize(page.StructuredContent)).GetProperty("version").GetInt32();
    }

    private sealed record Call(TestUser User, McpClient Client, string PageId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }
}
