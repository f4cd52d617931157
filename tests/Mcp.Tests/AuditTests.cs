using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>Every tool call leaves exactly one audit row, readable through the admin API of its own tenant only.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuditTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Concurrent_tool_calls_leave_exactly_one_row_each_with_client_tool_decision_and_latency()
    {
        var alice = await gateway.ConnectedUserAsync();
        var site = await SeededSite.ReadAsync(gateway.Playground.Simulator);
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key, clientName: "audit-client");
        const int Calls = 8;

        await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ =>
            client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = site.HomepageId }).AsTask()));
        using var http = gateway.OperatorClient();
        var rows = await ReadAllAsync(http, $"admin/v1/tenants/{alice.Tenant}/audit?limit=3");

        Assert.Equal(Calls, rows.Count);
        Assert.Equal(Enumerable.Range(1, Calls).Select(i => (long)i), rows.Select(row => row.GetProperty("seq").GetInt64()));
        Assert.All(rows, row =>
        {
            Assert.Equal("ToolCall", row.GetProperty("kind").GetString());
            Assert.Equal(alice.User.Value, row.GetProperty("actor").GetString());
            Assert.Equal("audit-client", row.GetProperty("clientName").GetString());
            Assert.Equal("get_page", row.GetProperty("operation").GetString());
            Assert.Equal("Allowed", row.GetProperty("decision").GetString());
            Assert.Equal(200, row.GetProperty("upstreamStatus").GetInt32());
            Assert.Contains(site.HomepageId, row.GetProperty("argumentsPreview").GetString(), StringComparison.Ordinal);
            Assert.Equal(64, row.GetProperty("argumentsDigest").GetString()!.Length);
        });
        var verification = await http.GetFromJsonAsync<JsonElement>($"admin/v1/tenants/{alice.Tenant}/audit/verify");
        Assert.True(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(Calls, verification.GetProperty("rowsChecked").GetInt64());
    }

    [Fact]
    public async Task Filters_select_by_tool_and_decision_and_another_tenants_rows_never_show()
    {
        var alice = await gateway.ConnectedUserAsync();
        var mallory = await gateway.ConnectedUserAsync();
        await using var aliceClient = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        await using var malloryClient = await gateway.ConnectClientAsync(mallory.Tenant, mallory.Key);
        await aliceClient.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 });
        await aliceClient.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = "999999999" });
        await malloryClient.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["limit"] = 1 });
        using var http = gateway.OperatorClient();

        var spaces = await ReadAllAsync(http, $"admin/v1/tenants/{alice.Tenant}/audit?tool=list_spaces");
        var byUser = await ReadAllAsync(http, $"admin/v1/tenants/{alice.Tenant}/audit?user={mallory.User}");
        var all = await ReadAllAsync(http, $"admin/v1/tenants/{alice.Tenant}/audit");
        var future = await ReadAllAsync(http, $"admin/v1/tenants/{alice.Tenant}/audit?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}");
        var export = await http.GetStringAsync(new Uri($"admin/v1/tenants/{alice.Tenant}/audit/export", UriKind.Relative));
        using var foreignCursor = await http.GetAsync(new Uri($"admin/v1/tenants/{mallory.Tenant}/audit?cursor={Uri.EscapeDataString(await FirstCursorAsync(http, alice))}", UriKind.Relative));

        Assert.Equal("list_spaces", Assert.Single(spaces).GetProperty("operation").GetString());
        Assert.Empty(byUser);
        Assert.Equal(2, all.Count);
        Assert.All(all, row => Assert.Equal(alice.Tenant.Value, row.GetProperty("tenant").GetString()));
        Assert.Equal(404, all.Single(row => row.GetProperty("operation").GetString() == "get_page").GetProperty("upstreamStatus").GetInt32());
        Assert.Empty(future);
        Assert.Equal(2, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.BadRequest, foreignCursor.StatusCode);
    }

    [Fact]
    public async Task The_audit_api_needs_the_operator_key()
    {
        var alice = await gateway.ConnectedUserAsync();
        using var anonymous = new HttpClient { BaseAddress = gateway.GatewayUrl };
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", alice.Key);

        using var response = await anonymous.GetAsync(new Uri($"admin/v1/tenants/{alice.Tenant}/audit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<string> FirstCursorAsync(HttpClient http, TestUser user) =>
        (await http.GetFromJsonAsync<JsonElement>($"admin/v1/tenants/{user.Tenant}/audit?limit=1")).GetProperty("nextCursor").GetString()!;

    /// <summary>Follows the cursor to the end, checking no page repeats a row.</summary>
    private static async Task<List<JsonElement>> ReadAllAsync(HttpClient http, string url)
    {
        var rows = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>(cursor is null ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}");
            rows.AddRange(page.GetProperty("entries").EnumerateArray().Select(row => row.Clone()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(rows.Count, rows.Select(row => row.GetProperty("seq").GetInt64()).Distinct().Count());
        return rows;
    }
}
