using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>Which tool calls <see cref="IAuditLog.SummarizeAsync"/> counts: one tenant's, from (inclusive) to (exclusive).</summary>
public sealed record AuditSummaryQuery(TenantId Tenant, DateTimeOffset From, DateTimeOffset To, int TopTools = 10)
{
    /// <summary>At most a month of hours; the charts show a day or a week.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    internal void Validate()
    {
        if (To <= From || To - From > MaxRange)
        {
            throw new ArgumentException($"A summary covers more than nothing and at most {MaxRange.TotalDays} days.", nameof(To));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(TopTools, 1, nameof(TopTools));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TopTools, 100, nameof(TopTools));
    }

    internal bool Matches(AuditEntry entry) =>
        entry.Record.Tenant == Tenant && entry.Record.Kind == AuditKind.ToolCall && entry.Record.OccurredAt >= From && entry.Record.OccurredAt < To;
}
