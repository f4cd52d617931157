using ModelContextProtocol.Protocol;
using Platform.Grains;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>A session learns at once when its user's callable tools change, and lists the new set.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ToolListChangedTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_policy_change_sends_list_changed_and_the_next_list_reflects_it()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var handler = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });
        var before = await client.ListToolsAsync();
        Assert.True(client.ServerCapabilities.Tools?.ListChanged);
        var grain = gateway.Grains.GetUserConnectionGrain(alice.Tenant, alice.User);
        var policy = await grain.GetToolPolicyAsync();
        var removed = before[0].Name;

        await grain.ApplyPolicyAsync(policy with
        {
            Version = policy.Version + 1,
            AllowedTools = policy.AllowedTools.Where(tool => tool.Key != removed).ToDictionary(),
        });
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await client.ListToolsAsync();

        Assert.Contains(before, tool => tool.Name == removed);
        Assert.DoesNotContain(after, tool => tool.Name == removed);
        Assert.Equal(before.Count - 1, after.Count);
    }

    [Fact]
    public async Task Disabling_a_tool_through_governance_notifies_the_users_live_session()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var handler = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });
        Assert.Contains(await client.ListToolsAsync(), tool => tool.Name == "delete_page");

        await gateway.Grains.GetTenantGovernanceGrain(alice.Tenant).DecideToolAsync("delete_page", Grains.Governance.ToolApproval.Disabled);
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.DoesNotContain(await client.ListToolsAsync(), tool => tool.Name == "delete_page");
    }
}
