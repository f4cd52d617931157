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

    [Fact]
    public async Task A_stateless_2026_07_28_client_hears_list_changed_on_its_subscriptions_listen_stream()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key, protocolVersion: null);
        var acknowledged = new TaskCompletionSource<JsonRpcNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new TaskCompletionSource<JsonRpcNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onAcknowledged = client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, (notification, _) =>
        {
            acknowledged.TrySetResult(notification);
            return ValueTask.CompletedTask;
        });
        await using var onChanged = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (notification, _) =>
        {
            changed.TrySetResult(notification);
            return ValueTask.CompletedTask;
        });
        var subscription = new RequestId($"listen-{Guid.NewGuid():N}");
        using var listening = new CancellationTokenSource();
        var listen = client.SendRequestAsync<SubscriptionsListenRequestParams, EmptyResult>(
            RequestMethods.SubscriptionsListen,
            new SubscriptionsListenRequestParams { Notifications = new SubscriptionsListenNotifications { ToolsListChanged = true, PromptsListChanged = true } },
            requestId: subscription,
            cancellationToken: listening.Token).AsTask();

        var acknowledgement = await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await gateway.Grains.GetTenantGovernanceGrain(alice.Tenant).DecideToolAsync("delete_page", Grains.Governance.ToolApproval.Disabled);
        var notification = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await listening.CancelAsync();

        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        // Only what the gateway delivers is granted: tool list changes, not prompts (it has none).
        Assert.True(acknowledgement.Params!["notifications"]!["toolsListChanged"]!.GetValue<bool>());
        Assert.Null(acknowledgement.Params!["notifications"]!["promptsListChanged"]);
        Assert.Equal(subscription.ToString(), notification.Params!["_meta"]![MetaKeys.SubscriptionId]!.GetValue<string>());
        Assert.DoesNotContain(await client.ListToolsAsync(), tool => tool.Name == "delete_page");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listen);
    }

    [Fact]
    public async Task A_tool_list_says_how_long_it_may_be_reused_and_that_it_is_the_users_own()
    {
        var alice = await gateway.ConnectedUserAsync();
        await using var client = await gateway.ConnectClientAsync(alice.Tenant, alice.Key, protocolVersion: null);

        var listed = await client.ListToolsAsync(new ListToolsRequestParams());

        Assert.Equal(TimeSpan.FromMinutes(1), listed.TimeToLive);
        Assert.Equal(CacheScope.Private, listed.CacheScope);
    }
}
