using Platform.Audit;
using Platform.Grains.Identity;

namespace Platform.Benchmarks.Targets;

/// <summary>The "audit off" baseline: accepts rows and keeps none. Exists only in the benchmark, never in the product.</summary>
internal sealed class DiscardingAuditLog : IAuditLog
{
    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => Task.FromResult(new AuditPage([], null));

    public IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, CancellationToken cancellationToken) => AsyncEnumerable.Empty<AuditEntry>();

    public Task<AuditSummary> SummarizeAsync(AuditSummaryQuery query, CancellationToken cancellationToken) => Task.FromResult(new AuditSummary([], []));

    public Task<AuditVerification> VerifyAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Task.FromResult(new AuditVerification(tenant, 0, null, null));
}
