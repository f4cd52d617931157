using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// Embedded mode's audit log: the same chain, paging and verification as <see cref="PostgresAuditLog"/>, held in this
/// process and lost when it exits, and bounded (<see cref="InMemoryAuditOptions"/>): the oldest rows are dropped, and
/// each tenant remembers the seq and hash of its last dropped row, so its chain verifies from the oldest kept row.
/// The process says all this at start (<see cref="InMemoryAuditLogNotice"/>).
/// </summary>
public sealed class InMemoryAuditLog(AuditChain chain, IOptions<InMemoryAuditOptions> options) : IAuditLog
{
    // A row's fields besides its text, the entry and record objects and the queues' slots, roughly.
    private const int RowOverheadBytes = 400;

    private readonly InMemoryAuditOptions bounds = options.Value;
    private readonly Lock gate = new();
    private readonly Dictionary<TenantId, TenantRows> tenants = [];
    private readonly Queue<(TenantRows Tenant, long Bytes)> appendOrder = new();
    private long bytes;

    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (gate)
        {
            if (!tenants.TryGetValue(record.Tenant, out var rows))
            {
                tenants[record.Tenant] = rows = new TenantRows();
            }

            var entry = chain.Link(rows.Head, record);
            rows.Kept.Enqueue(entry);
            rows.Head = new AuditChainHead(entry.Sequence, entry.Hash);
            var size = EstimateBytes(entry);
            appendOrder.Enqueue((rows, size));
            bytes += size;
            DropOldestBeyondBounds();
        }

        return ValueTask.CompletedTask;
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        List<AuditEntry> entries;
        lock (gate)
        {
            entries = tenants.TryGetValue(query.Tenant, out var rows)
                ? [.. rows.Kept.Where(entry => entry.Sequence > after && query.Matches(entry)).Take(query.Limit + 1)]
                : [];
        }

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
        foreach (var entry in Snapshot(query.Tenant).Rows.Where(entry => entry.Sequence > after && query.Matches(entry)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask;
    }

    public Task<AuditSummary> SummarizeAsync(AuditSummaryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var calls = Snapshot(query.Tenant).Rows.Where(query.Matches).ToList();
        var hours = calls.GroupBy(entry => (Hour: AuditSummaryHours.Start(entry.Record.OccurredAt), entry.Record.Decision))
            .Select(group => new AuditHourCount(group.Key.Hour, group.Key.Decision, group.Count()))
            .OrderBy(count => count.Hour).ThenBy(count => count.Decision);
        var tools = calls.GroupBy(entry => entry.Record.Operation, StringComparer.Ordinal)
            .Select(group => new AuditToolCount(group.Key, group.Count()))
            .OrderByDescending(count => count.Calls).ThenBy(count => count.Tool, StringComparer.Ordinal).Take(query.TopTools);
        return Task.FromResult(new AuditSummary([.. hours], [.. tools]));
    }

    public Task<AuditVerification> VerifyAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var (rows, head, droppedThrough) = Snapshot(tenant);
        return AuditVerifier.VerifyAsync(chain, tenant, rows.ToAsyncEnumerable(), head, cancellationToken, droppedThrough);
    }

    private void DropOldestBeyondBounds()
    {
        // The newest row always stays, even alone over the byte bound.
        while (appendOrder.Count > 1 && (appendOrder.Count > bounds.MaxRows || bytes > bounds.MaxBytes))
        {
            var (rows, size) = appendOrder.Dequeue();
            var dropped = rows.Kept.Dequeue();
            rows.DroppedThrough = new AuditChainHead(dropped.Sequence, dropped.Hash);
            bytes -= size;
        }
    }

    private (AuditEntry[] Rows, AuditChainHead? Head, AuditChainHead? DroppedThrough) Snapshot(TenantId tenant)
    {
        lock (gate)
        {
            return tenants.TryGetValue(tenant, out var rows) ? ([.. rows.Kept], rows.Head, rows.DroppedThrough) : ([], null, null);
        }
    }

    private static long EstimateBytes(AuditEntry entry)
    {
        var record = entry.Record;
        long chars = entry.Hash.Length + entry.PreviousHash.Length + (entry.KeyId?.Length ?? 0) + record.Actor.Length + record.Operation.Length
            + (record.ClientName?.Length ?? 0) + (record.ClientVersion?.Length ?? 0) + (record.Target?.Length ?? 0)
            + (record.ArgumentsDigest?.Length ?? 0) + (record.ArgumentsPreview?.Length ?? 0) + (record.DecisionReason?.Length ?? 0)
            + (record.BeforeJson?.Length ?? 0) + (record.AfterJson?.Length ?? 0) + (record.Credential?.Length ?? 0)
            + (record.CredentialIssuer?.Length ?? 0);
        return RowOverheadBytes + (2 * chars);
    }

    /// <summary>One tenant's kept rows, its newest seq and hash, and the seq and hash of its last dropped row.</summary>
    private sealed class TenantRows
    {
        public Queue<AuditEntry> Kept { get; } = new();

        public AuditChainHead Head { get; set; } = new(0, AuditChain.GenesisHash);

        public AuditChainHead? DroppedThrough { get; set; }
    }
}
