using System.Text.Json;
using Platform.Audit;
using Platform.Grains.Identity;

namespace Platform.Grains.Connections;

/// <summary>
/// Records what happens to one Atlassian connection in the tenant's audit log, beside its tool calls: who connected
/// or reconnected which Atlassian account, refused connects, and refreshes Atlassian refused (the connection then needs
/// a new consent). Refused connects are what a stranger can provoke at will (a callback with a stale or forged state),
/// so at most one row a minute per connection records them, with the count of those it stood for.
/// </summary>
internal sealed class ConnectionAudit(TenantId tenant, UserId user, IAuditLog log, TimeProvider time)
{
    private const string Gateway = "gateway";
    private static readonly TimeSpan RefusalWindow = TimeSpan.FromMinutes(1);
    private DateTimeOffset refusalWindowStart = DateTimeOffset.MinValue;
    private int refusalsUnrecorded;

    /// <summary>The user's own actor name, as a connect records it: they (or whoever held their link) consented.</summary>
    private string UserActor => $"user {tenant}/{user}";

    public Task ConnectedAsync(ConnectionStatus before, string? accountBefore, string? accountAfter) =>
        AppendAsync(before == ConnectionStatus.Never ? "connection.connect" : "connection.reconnect",
            UserActor, AuditDecision.Allowed, null, Snapshot(before, accountBefore), Snapshot(ConnectionStatus.Connected, accountAfter));

    /// <summary>Aggregated: the first refusal of a minute is recorded at once, the rest of that minute with the next one recorded.</summary>
    public Task ConnectRefusedAsync(string reason)
    {
        var now = time.GetUtcNow();
        if (now - refusalWindowStart < RefusalWindow)
        {
            refusalsUnrecorded++;
            return Task.CompletedTask;
        }

        var earlier = refusalsUnrecorded;
        refusalWindowStart = now;
        refusalsUnrecorded = 0;
        var suffix = earlier > 0 ? $" ({earlier} more refused connect(s) in the minute before are not recorded one by one.)" : "";
        return AppendAsync("connection.connect", UserActor, AuditDecision.Denied, reason + suffix, null, null);
    }

    /// <summary>Atlassian refused the grant when the gateway refreshed the token: nothing works until a new consent.</summary>
    public Task RefreshRefusedAsync(string reason, string? account) => RefusedByAtlassianAsync("connection.refresh-failed", reason, account);

    /// <summary>Confluence answered 401 to a token that was valid, and Atlassian confirmed it no longer is.</summary>
    public Task TokenRevokedAsync(string reason, string? account) => RefusedByAtlassianAsync("connection.token-revoked", reason, account);

    private Task RefusedByAtlassianAsync(string action, string reason, string? account) =>
        AppendAsync(action, Gateway, AuditDecision.Failed, reason,
            Snapshot(ConnectionStatus.Connected, account), Snapshot(ConnectionStatus.NeedsReconnect, null));

    private Task AppendAsync(string action, string actor, AuditDecision decision, string? reason, string? before, string? after) =>
        // Not cancellable: what happened to the connection has happened.
        log.AppendAsync(AuditRecord.ForAdminAction(tenant, actor, action, user.Value, before, after, time.GetUtcNow(), decision, reason), CancellationToken.None).AsTask();

    private static string Snapshot(ConnectionStatus status, string? account) =>
        JsonSerializer.Serialize(new { status = status.ToString(), atlassianAccountId = account });
}
