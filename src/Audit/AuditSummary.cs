namespace Platform.Audit;

/// <summary>
/// One tenant's tool calls over a time range, counted: per hour (UTC, hours without calls left out) and decision, and
/// the most called tools. Admin actions are not counted.
/// </summary>
public sealed record AuditSummary(IReadOnlyList<AuditHourCount> Hours, IReadOnlyList<AuditToolCount> TopTools)
{
    public long Count(AuditDecision decision) => Hours.Where(hour => hour.Decision == decision).Sum(hour => hour.Calls);

    public long Total => Hours.Sum(hour => hour.Calls);
}

/// <summary>Tool calls that began in the hour starting at <see cref="Hour"/> and ended with <see cref="Decision"/>.</summary>
public sealed record AuditHourCount(DateTimeOffset Hour, AuditDecision Decision, long Calls);

/// <summary>How often one tool was called in the range.</summary>
public sealed record AuditToolCount(string Tool, long Calls);
