using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>The append-only, hash-chained audit log of tool calls and admin actions, one chain per tenant.</summary>
public interface IAuditLog
{
    /// <summary>Completes only once the record is durably committed (group-committed with others), never before.</summary>
    ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>One page of one tenant's rows in seq order; the query can never reach another tenant.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every row matching the query from its cursor on (its limit is ignored), for export.</summary>
    IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Counts the tenant's tool calls per hour and decision, and its most called tools, in the query's range.</summary>
    Task<AuditSummary> SummarizeAsync(AuditSummaryQuery query, CancellationToken cancellationToken);

    /// <summary>Recomputes the tenant's chain and reports the first broken seq, if any.</summary>
    Task<AuditVerification> VerifyAsync(TenantId tenant, CancellationToken cancellationToken);
}
