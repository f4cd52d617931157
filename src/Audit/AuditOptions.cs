using System.ComponentModel.DataAnnotations;

namespace Platform.Audit;

/// <summary>Tuning of the PostgreSQL audit writer. Section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Most rows committed in one transaction; larger batches amortise the commit under load.</summary>
    [Range(1, 5000)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Appends waiting for the writer before callers are slowed down (back-pressure, bounded memory).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;
}
