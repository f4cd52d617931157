using System.ComponentModel.DataAnnotations;

namespace Platform.Audit;

/// <summary>
/// Section <c>Audit:InMemory</c>: how much of the log embedded mode keeps. Past either bound the oldest rows (of all
/// tenants, in append order) are dropped; each chain still verifies from its oldest kept row.
/// </summary>
public sealed class InMemoryAuditOptions
{
    public const string Section = "Audit:InMemory";

    [Range(1, 100_000_000)]
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Estimated from the rows' text (two bytes a character plus a fixed overhead a row).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
}
