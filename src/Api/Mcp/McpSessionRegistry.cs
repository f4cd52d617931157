using System.Collections.Concurrent;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Grains;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// The live MCP sessions of this Api process, by tenant and user. While a user has one, this process is subscribed to
/// the user's grain, which says when the user's callable tools change; every session of that user then gets
/// <c>notifications/tools/list_changed</c>. Subscriptions are renewed while sessions live and dropped with the last one.
/// </summary>
public sealed partial class McpSessionRegistry(IGrainFactory grains, ILogger<McpSessionRegistry> logger) : BackgroundService, IToolListObserver
{
    private static readonly TimeSpan RenewalInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(TenantId Tenant, UserId User), ConcurrentDictionary<McpServer, bool>> sessions = new();
    private IToolListObserver? reference;

    private IToolListObserver Reference => reference ??= grains.CreateObjectReference<IToolListObserver>(this);

    /// <summary>Runs one session's server; a stateless request (no session id) runs without being registered.</summary>
    public async Task RunSessionAsync(McpCaller caller, McpServer server, CancellationToken cancellationToken)
    {
        if (server.SessionId is null)
        {
            await server.RunAsync(cancellationToken);
            return;
        }

        var key = (caller.Tenant, caller.User);
        var userSessions = sessions.GetOrAdd(key, _ => new ConcurrentDictionary<McpServer, bool>());
        userSessions[server] = true;
        await grains.GetUserConnectionGrain(caller.Tenant, caller.User).SubscribeToolListAsync(Reference);
        try
        {
            await server.RunAsync(cancellationToken);
        }
        finally
        {
            userSessions.TryRemove(server, out _);
            if (userSessions.IsEmpty && sessions.TryRemove(new KeyValuePair<(TenantId, UserId), ConcurrentDictionary<McpServer, bool>>(key, userSessions)))
            {
                await UnsubscribeAsync(key);
            }
        }
    }

    public void ToolListChanged(TenantId tenant, UserId user)
    {
        if (!sessions.TryGetValue((tenant, user), out var userSessions))
        {
            return;
        }

        foreach (var server in userSessions.Keys)
        {
            _ = NotifyAsync(server, tenant, user);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewalInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (tenant, user) in sessions.Keys)
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

    private async Task NotifyAsync(McpServer server, TenantId tenant, UserId user)
    {
        try
        {
            await server.SendNotificationAsync(NotificationMethods.ToolListChangedNotification);
        }
        catch (Exception exception)
        {
            // A session that is closing cannot be told; its client lists afresh when it reconnects.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not (re)subscribe to tool-list changes of {Tenant}/{User}")]
    private static partial void LogRenewalFailed(ILogger logger, string tenant, string user, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not send tools/list_changed to a session of {Tenant}/{User}")]
    private static partial void LogNotifyFailed(ILogger logger, string tenant, string user, Exception exception);
}
