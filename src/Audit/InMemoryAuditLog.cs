using System.Runtime.CompilerServices;
using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// Embedded mode's audit log: the same chain, paging and verification as <see cref="PostgresAuditLog"/>, held in this
/// process and lost when it exits (the process says so at start, see <see cref="InMemoryAuditLogNotice"/>).
/// </summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly Lock gate = new();
    private readonly Dictionary<TenantId, List<AuditEntry>> chains = [];

    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (gate)
        {
            if (!chains.TryGetValue(record.Tenant, out var chain))
            {
                chains[record.Tenant] = chain = [];
            }

            var head = chain.Count == 0 ? new AuditChainHead(0, AuditChain.GenesisHash) : new AuditChainHead(chain[^1].Sequence, chain[^1].Hash);
            chain.Add(AuditChain.Link(head, record));
        }

        return ValueTask.CompletedTask;
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        var entries = Snapshot(query.Tenant)
            .Where(entry => entry.Sequence > after && query.Matches(entry))
            .Take(query.Limit + 1)
            .ToList();
        if (entries.Count <= query.Limit)
        {
            return Task.FromResult(new AuditPage(entries, null));
        }

        entries.RemoveAt(entries.Count - 1);
        return Task.FromResult(new AuditPage(entries, AuditCursor.Encode(query.Tenant, entries[^1].Sequence)));
    }

    public async IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        foreach (var entry in Snapshot(query.Tenant).Where(entry => entry.Sequence > after && query.Matches(entry)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask;
    }

    public Task<AuditVerification> VerifyAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var rows = Snapshot(tenant);
        var head = rows.Count == 0 ? null : new AuditChainHead(rows[^1].Sequence, rows[^1].Hash);
        return AuditVerifier.VerifyAsync(tenant, rows.ToAsyncEnumerable(), head, cancellationToken);
    }

    private List<AuditEntry> Snapshot(TenantId tenant)
    {
        lock (gate)
        {
            return chains.TryGetValue(tenant, out var chain) ? [.. chain] : [];
        }
    }
}
