using Platform.Audit;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// Records each admin change in the tenant's audit log (hash-chained, queryable beside its tool calls) before the
/// admin call answers, and as a structured log line for log pipelines.
/// </summary>
public sealed class AuditLogAdminSink(IAuditLog log, LoggingAdminAuditSink logLine) : IAdminAuditSink
{
    public async Task RecordAsync(AdminAuditEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await logLine.RecordAsync(change, cancellationToken);
        if (!TenantId.TryParse(change.Tenant, out var tenant))
        {
            return;
        }

        // The change is made: it is recorded even if the admin's request is abandoned meanwhile.
        await log.AppendAsync(
            AuditRecord.ForAdminAction(tenant, change.Actor, change.Action, change.Target, change.Before?.ToJsonString(), change.After?.ToJsonString(), change.At,
                change.Decision, change.Reason),
            CancellationToken.None);
    }
}
