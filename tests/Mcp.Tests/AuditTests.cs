using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Api.Admin;
using Platform.Grains.ApiKeys;
using Platform.Grains.Governance;
using Platform.Audit;
using Platform.Audit.Tests;
using Platform.Demo;
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
        var rows = await http.ReadAuditAsync($"admin/v1/tenants/{alice.Tenant}/audit?kind=ToolCall&limit=3");

        Assert.Equal(Calls, rows.Count);
        // Seq 1 is alice's connect (connection.connect); the calls follow it without a gap.
        Assert.Equal(Enumerable.Range(2, Calls).Select(i => (long)i), rows.Select(row => row.GetProperty("seq").GetInt64()));
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
        Assert.Equal(Calls + 1, verification.GetProperty("rowsChecked").GetInt64());
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

        var spaces = await http.ReadAuditAsync($"admin/v1/tenants/{alice.Tenant}/audit?tool=list_spaces");
        var byUser = await http.ReadAuditAsync($"admin/v1/tenants/{alice.Tenant}/audit?user={mallory.User}");
        var all = await http.ReadAuditAsync($"admin/v1/tenants/{alice.Tenant}/audit?kind=ToolCall");
        var future = await http.ReadAuditAsync($"admin/v1/tenants/{alice.Tenant}/audit?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}");
        var export = await http.GetStringAsync(new Uri($"admin/v1/tenants/{alice.Tenant}/audit/export?kind=ToolCall", UriKind.Relative));
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
    public async Task A_member_key_cannot_read_the_audit_log_and_a_tenant_admin_reads_only_their_own()
    {
        var alice = await gateway.ConnectedUserAsync();
        var other = await gateway.ConnectedUserAsync();
        var admin = GatewayFixture.NewUserId();
        await gateway.Playground.AddUserAsync(alice.Tenant, admin, role: DirectoryRole.Admin);
        var adminKey = await gateway.Playground.IssueKeyAsync(alice.Tenant, admin, scopes: ApiKeyScopes.All);

        using var asMember = await AsAsync(alice.Key, $"admin/v1/tenants/{alice.Tenant}/audit");
        using var asAdmin = await AsAsync(adminKey, $"admin/v1/tenants/{alice.Tenant}/audit");
        using var asAdminElsewhere = await AsAsync(adminKey, $"admin/v1/tenants/{other.Tenant}/audit");

        Assert.Equal(HttpStatusCode.Unauthorized, asMember.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAdminElsewhere.StatusCode);
    }

    [Fact]
    public async Task An_admin_change_is_in_the_tenants_audit_log_with_who_and_before_and_after()
    {
        var alice = await gateway.ConnectedUserAsync();
        using var http = gateway.OperatorClient();

        using var disabled = await http.PostAsync(new Uri($"admin/v1/tenants/{alice.Tenant}/tools/list_spaces/disable", UriKind.Relative), null);
        var rows = await http.ReadAuditAsync($"admin/v1/tenants/{alice.Tenant}/audit?kind=AdminAction");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        // Written ahead: the request's row is committed before the change is made, its outcome after it.
        var requested = Assert.Single(rows, row => row.GetProperty("operation").GetString() == "tool.disabled" + AdminAuditTrail.RequestedSuffix);
        var row = Assert.Single(rows, row => row.GetProperty("operation").GetString() == "tool.disabled");
        Assert.True(requested.GetProperty("seq").GetInt64() < row.GetProperty("seq").GetInt64());
        Assert.Equal("list_spaces", requested.GetProperty("target").GetString());
        Assert.Equal("operator", row.GetProperty("actor").GetString());
        Assert.Contains("Approved", row.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("Disabled", row.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_admin_keys_are_audited_in_their_tenant_once_a_minute_per_address_and_without_the_key()
    {
        var tenant = await gateway.NewTenantAsync();
        var guess = ApiKeyToken.Format(ApiKeyToken.NewKeyId(), ApiKeyToken.NewSecret());
        using var attacker = LoopbackClients.From("127.0.0.6");
        attacker.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", guess);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var refused = await attacker.GetAsync(new Uri(gateway.GatewayUrl, $"admin/v1/tenants/{tenant}/users"));
            answers.Add(refused.StatusCode);
        }

        using var http = gateway.OperatorClient();
        var rows = await http.ReadAuditAsync($"admin/v1/tenants/{tenant}/audit?kind=AdminAction");

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        var row = Assert.Single(rows, row => row.GetProperty("operation").GetString() == RefusedAdminAuthentications.Action);
        Assert.Equal("unauthenticated 127.0.0.6", row.GetProperty("actor").GetString());
        Assert.Equal("Denied", row.GetProperty("decision").GetString());
        Assert.Equal($"/admin/v1/tenants/{tenant}/users", row.GetProperty("target").GetString());
        Assert.DoesNotContain(guess, row.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> AsAsync(string key, string url)
    {
        using var http = new HttpClient { BaseAddress = gateway.GatewayUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return await http.GetAsync(new Uri(url, UriKind.Relative));
    }

    private static async Task<string> FirstCursorAsync(HttpClient http, TestUser user) =>
        (await http.GetFromJsonAsync<JsonElement>($"admin/v1/tenants/{user.Tenant}/audit?limit=1")).GetProperty("nextCursor").GetString()!;

    [Fact]
    public async Task Hostile_text_in_client_info_tool_names_and_arguments_is_still_audited_and_every_row_is_bounded()
    {
        var alice = await gateway.ConnectedUserAsync();
        // NUL, controls, bidi overrides and lone surrogates: escaped in JSON, as much as the 1 MiB request limit lets through.
        var hostile = HostileText.Mebibyte()[..(100 * 1024)];
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key, clientName: hostile, clientVersion: hostile);

        var badArguments = await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = hostile });
        // The C# client refuses to put such a name in its Mcp-Name header; a raw request carries it in the body only.
        using var http = new HttpClient();
        var session = await RawMcp.StartSessionAsync(http, gateway.McpUrl(alice.Tenant), alice.Key);
        var call = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 2, method = "tools/call", @params = new { name = hostile, arguments = new { } } });
        using var response = await http.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), call, alice.Key, session));
        var unknownTool = (await RawMcp.MessageOfAsync(response)).GetProperty("error");
        var rows = await gateway.AuditRowsAsync(alice.Tenant);

        Assert.Equal(-32602, unknownTool.GetProperty("code").GetInt32());
        Assert.True(badArguments.IsError);
        Assert.Equal(["Failed", "Denied"], rows.Select(row => row.GetProperty("decision").GetString()));
        foreach (var row in rows)
        {
            HostileText.AssertStorable(row.GetProperty("clientName").GetString(), AuditRecord.MaxClientChars);
            HostileText.AssertStorable(row.GetProperty("clientVersion").GetString(), AuditRecord.MaxClientChars);
            HostileText.AssertStorable(row.GetProperty("operation").GetString(), AuditRecord.MaxOperationChars);
            HostileText.AssertStorable(row.GetProperty("decisionReason").GetString(), AuditRecord.MaxReasonChars);
            HostileText.AssertStorable(row.TryGetProperty("argumentsPreview", out var preview) ? preview.GetString() : null, AuditArguments.PreviewMaxChars);
        }
    }

    [Fact]
    public async Task Arguments_naming_a_property_twice_are_refused_as_invalid_and_audited_with_both_values()
    {
        var alice = await gateway.ConnectedUserAsync();

        var answer = await RawToolCallAsync(alice, "\"get_page\"", """{"pageId":"1","pageId":"2"}""");
        var rows = await gateway.AuditRowsAsync(alice.Tenant);

        var result = answer.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("twice", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var row = Assert.Single(rows);
        Assert.Equal(("get_page", "Failed"), (row.GetProperty("operation").GetString(), row.GetProperty("decision").GetString()));
        Assert.Equal("""{"pageId":"1","pageId":"2"}""", row.GetProperty("argumentsPreview").GetString());
    }

    [Theory]
    [InlineData("\"get_page\"", """{"pageId":"\ud800"}""")]
    [InlineData("\"get_page\"", """{"\udfff":"1"}""")]
    [InlineData("\"\ud800\"", "{}")]
    public async Task Text_that_is_not_unicode_is_refused_as_invalid_params_and_the_gateway_keeps_serving(string name, string arguments)
    {
        var alice = await gateway.ConnectedUserAsync();

        var answer = await RawToolCallAsync(alice, name, arguments);
        var next = await RawToolCallAsync(alice, "\"list_spaces\"", "{}");

        Assert.Equal(-32602, answer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.StartsWith("Spaces", next.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> RawToolCallAsync(TestUser user, string nameJson, string argumentsJson)
    {
        using var http = new HttpClient();
        var session = await RawMcp.StartSessionAsync(http, gateway.McpUrl(user.Tenant), user.Key);
        var call = $$$"""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":{{{nameJson}}},"arguments":{{{argumentsJson}}}}}""";
        using var response = await http.SendAsync(RawMcp.Post(gateway.McpUrl(user.Tenant), call, user.Key, session));
        return await RawMcp.MessageOfAsync(response);
    }
}
