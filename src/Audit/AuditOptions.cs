using System.ComponentModel.DataAnnotations;

namespace Platform.Audit;

/// <summary>The PostgreSQL audit log: its connections and the writer's tuning. Section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The audit writer role's connection: INSERT into the log and moving chain heads forward, nothing else.</summary>
    public string? WriterConnectionString { get; set; }

    /// <summary>The audit reader role's connection (queries, export, verify); the writer's when not set.</summary>
    public string? ReaderConnectionString { get; set; }

    /// <summary>Most rows committed in one transaction; larger batches amortise the commit under load.</summary>
    [Range(1, 5000)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Appends waiting for the writer before callers are slowed down (back-pressure, bounded memory).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;
}
