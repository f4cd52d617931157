using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Grains;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// Who in this Api process listens for a user's tool list: sessions of clients that started with <c>initialize</c>, and
/// <c>subscriptions/listen</c> requests of 2026-07-28 clients, which have no session. While a user has a listener, this
/// process is subscribed to the user's grain, which says when the user's callable tools change; every listener then
/// gets <c>notifications/tools/list_changed</c>. Subscriptions are renewed while listeners live and dropped with the last.
/// </summary>
public sealed partial class McpSessionRegistry(IGrainFactory grains, ILogger<McpSessionRegistry> logger) : BackgroundService, IToolListObserver
{
    private static readonly TimeSpan RenewalInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(TenantId Tenant, UserId User), ConcurrentDictionary<Listener, bool>> listeners = new();
    private IToolListObserver? reference;

    private IToolListObserver Reference => reference ??= grains.CreateObjectReference<IToolListObserver>(this);

    /// <summary>Runs one session's server; a stateless request (no session id) runs without being registered.</summary>
    public Task RunSessionAsync(McpCaller caller, McpServer server, CancellationToken cancellationToken) =>
        server.SessionId is null
            ? server.RunAsync(cancellationToken)
            : ListenWhileAsync(caller, new Listener(server, null), () => server.RunAsync(cancellationToken));

    /// <summary>Holds a <c>subscriptions/listen</c> request open, telling it of tool-list changes, until it is cancelled.</summary>
    public Task ListenAsync(McpCaller caller, McpServer server, RequestId subscription, CancellationToken cancellationToken) =>
        ListenWhileAsync(caller, new Listener(server, subscription), () => Task.Delay(Timeout.Infinite, cancellationToken));

    public void ToolListChanged(TenantId tenant, UserId user)
    {
        if (!listeners.TryGetValue((tenant, user), out var userListeners))
        {
            return;
        }

        foreach (var listener in userListeners.Keys)
        {
            _ = NotifyAsync(listener, tenant, user);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewalInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (tenant, user) in listeners.Keys)
            {
                try
                {
                    await grains.GetUserConnectionGrain(tenant, user).SubscribeToolListAsync(Reference);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRenewalFailed(logger, tenant.Value, user.Value, exception);
                }
            }
        }
    }

    private async Task ListenWhileAsync(McpCaller caller, Listener listener, Func<Task> running)
    {
        var key = (caller.Tenant, caller.User);
        var userListeners = listeners.GetOrAdd(key, _ => new ConcurrentDictionary<Listener, bool>());
        userListeners[listener] = true;
        await grains.GetUserConnectionGrain(caller.Tenant, caller.User).SubscribeToolListAsync(Reference);
        try
        {
            await running();
        }
        finally
        {
            userListeners.TryRemove(listener, out _);
            if (userListeners.IsEmpty && listeners.TryRemove(new KeyValuePair<(TenantId, UserId), ConcurrentDictionary<Listener, bool>>(key, userListeners)))
            {
                await UnsubscribeAsync(key);
            }
        }
    }

    private async Task NotifyAsync(Listener listener, TenantId tenant, UserId user)
    {
        try
        {
            // A subscription's notifications name it (SEP-2575), so a client can tell its streams apart.
            await listener.Server.SendMessageAsync(new JsonRpcNotification
            {
                Method = NotificationMethods.ToolListChangedNotification,
                Params = listener.Subscription is { } subscription
                    ? new JsonObject { ["_meta"] = new JsonObject { [MetaKeys.SubscriptionId] = JsonSerializer.SerializeToNode(subscription, McpJsonUtilities.DefaultOptions) } }
                    : null,
            });
        }
        catch (Exception exception)
        {
            // A listener that is closing cannot be told; its client lists afresh when it reconnects.
            LogNotifyFailed(logger, tenant.Value, user.Value, exception);
        }
    }

    private async Task UnsubscribeAsync((TenantId Tenant, UserId User) key)
    {
        try
        {
            await grains.GetUserConnectionGrain(key.Tenant, key.User).UnsubscribeToolListAsync(Reference);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The subscription lapses on its own.
            LogRenewalFailed(logger, key.Tenant.Value, key.User.Value, exception);
        }
    }

    /// <summary>A session (no subscription id) or a <c>subscriptions/listen</c> request (its id).</summary>
    private sealed record Listener(McpServer Server, RequestId? Subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not (re)subscribe to tool-list changes of {Tenant}/{User}")]
    private static partial void LogRenewalFailed(ILogger logger, string tenant, string user, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not send tools/list_changed to a listener of {Tenant}/{User}")]
    private static partial void LogNotifyFailed(ILogger logger, string tenant, string user, Exception exception);
}
