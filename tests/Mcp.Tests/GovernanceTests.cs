using System.Net;
using ModelContextProtocol;
using Platform.Grains;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Tests;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>
/// Governance as a user's MCP client sees it: the grain-level policy matrix replayed through tools/list and tools/call,
/// the kill switches, a tenant that is not activated or is suspended, and a changed tool definition.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class GovernanceTests(GatewayFixture gateway)
{
    private const string Tool = "list_spaces";
    private static readonly Dictionary<string, object?> Arguments = new() { ["limit"] = 1 };

    /// <summary>Every cell but re-review, which needs a new release of the tool (the grain tests cover it; see below for its MCP side).</summary>
    public static TheoryData<PolicyCase> Cases
    {
        get
        {
            var cases = new TheoryData<PolicyCase>();
            foreach (var row in (IEnumerable<object[]>)PolicyMatrix.Cases)
            {
                if (row[0] is PolicyCase { Approval: not ToolApproval.PendingReReview } cell)
                {
                    cases.Add(cell);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_tool_is_listed_and_callable_exactly_when_approved_in_a_toolset_bound_to_an_enabled_user(PolicyCase cell)
    {
        var (tenant, user, key) = await ActivatedTenantWithUserAsync();
        await PolicyMatrix.ArrangeAsync(gateway.Grains.GetTenantGovernanceGrain(tenant), cell, user, Tool,
            () => throw new InvalidOperationException("Re-review cells are not replayed here."));
        if (!cell.UserEnabled)
        {
            // A disabled user's keys stop authenticating: their calls reach no grain and no audit row.
            Assert.Equal(HttpStatusCode.Unauthorized, await RawMcp.InitializeStatusAsync(gateway.McpUrl(tenant), key));
            return;
        }

        await using var client = await gateway.ConnectClientAsync(tenant, key);

        var listed = (await client.ListToolsAsync()).Any(tool => tool.Name == Tool);
        if (cell.ExpectCallable)
        {
            var result = await client.CallToolAsync(Tool, Arguments);
            Assert.True(listed);
            Assert.NotEqual(true, result.IsError);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(Tool, Arguments).AsTask());
            Assert.False(listed);
            Assert.Contains("not available to you", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Disabling_a_tool_or_a_user_or_suspending_the_tenant_takes_effect_on_the_next_call()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        var governance = gateway.Grains.GetTenantGovernanceGrain(alice.Tenant);
        Assert.NotEqual(true, (await client.CallToolAsync(Tool, Arguments)).IsError);

        await governance.DecideToolAsync(Tool, ToolApproval.Disabled);
        var toolDisabled = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(Tool, Arguments).AsTask());
        await governance.DecideToolAsync(Tool, ToolApproval.Approved);
        var reapproved = await client.CallToolAsync(Tool, Arguments);

        await gateway.Grains.GetTenantGrain(alice.Tenant).SuspendAsync();
        var suspended = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(Tool, Arguments).AsTask());
        var suspendedList = await Assert.ThrowsAsync<McpProtocolException>(() => client.ListToolsAsync().AsTask());
        await gateway.Grains.GetTenantGrain(alice.Tenant).ResumeAsync();
        var resumed = await client.CallToolAsync(Tool, Arguments);

        var entry = (await governance.GetUserAsync(alice.User))!;
        await governance.ReplaceUserAsync(entry with { Enabled = false });
        var userDisabled = await Assert.ThrowsAsync<HttpRequestException>(() => client.CallToolAsync(Tool, Arguments).AsTask());

        Assert.Equal(McpErrorCode.InvalidRequest, toolDisabled.ErrorCode);
        Assert.NotEqual(true, reapproved.IsError);
        Assert.Contains("suspended", suspended.Message, StringComparison.Ordinal);
        Assert.Contains("suspended", suspendedList.Message, StringComparison.Ordinal);
        Assert.NotEqual(true, resumed.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, userDisabled.StatusCode);
    }

    [Fact]
    public async Task A_tenant_that_is_not_activated_serves_nothing_and_calls_no_one()
    {
        var tenant = await gateway.Playground.CreateTenantAsync(TenantId.Parse($"n{Guid.NewGuid():N}"[..20]), "Not yet");
        var user = GatewayFixture.NewUserId();
        await gateway.Grains.GetTenantGovernanceGrain(tenant).CreateUserAsync(new DirectoryUser(user, null, null, true, DirectoryRole.Member));
        var key = await gateway.Playground.IssueKeyAsync(tenant, user);
        await using var client = await gateway.ConnectClientAsync(tenant, key);

        var listing = await Assert.ThrowsAsync<McpProtocolException>(() => client.ListToolsAsync().AsTask());
        var calling = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(Tool, Arguments).AsTask());

        Assert.Contains("not activated", listing.Message, StringComparison.Ordinal);
        Assert.Contains("not activated", calling.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_of_another_definition_of_a_tool_neither_lists_nor_calls_it()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        var grain = gateway.Grains.GetUserConnectionGrain(alice.Tenant, alice.User);
        var policy = await grain.GetToolPolicyAsync();
        var approvals = policy.AllowedTools.ToDictionary();
        approvals[Tool] = new string('0', 64);

        // As if governance approved the tool's previous release: the hash no longer matches what the gateway offers.
        await grain.ApplyPolicyAsync(policy with { Version = policy.Version + 1, AllowedTools = approvals });
        var listed = await client.ListToolsAsync();
        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(Tool, Arguments).AsTask());

        Assert.DoesNotContain(listed, tool => tool.Name == Tool);
        Assert.Contains("not available to you", refused.Message, StringComparison.Ordinal);
    }

    private async Task<(TenantId Tenant, UserId User, string Key)> ActivatedTenantWithUserAsync()
    {
        var tenant = await gateway.Playground.CreateTenantAsync(TenantId.Parse($"g{Guid.NewGuid():N}"[..20]), "Governance matrix");
        await gateway.Grains.GetTenantGrain(tenant).ActivateAsync();
        var user = GatewayFixture.NewUserId();
        var email = await gateway.Playground.CreateAtlassianAccountAsync();
        await gateway.Grains.GetTenantGovernanceGrain(tenant).CreateUserAsync(new DirectoryUser(user, null, email, true, DirectoryRole.Member));
        await gateway.Playground.ConnectAsync(tenant, user, email);
        return (tenant, user, await gateway.Playground.IssueKeyAsync(tenant, user));
    }
}
