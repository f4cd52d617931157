namespace Platform.Audit;

/// <summary>The UTC hours an <see cref="AuditSummary"/> counts by.</summary>
public static class AuditSummaryHours
{
    /// <summary>The start of the UTC hour that holds <paramref name="at"/>.</summary>
    public static DateTimeOffset Start(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
