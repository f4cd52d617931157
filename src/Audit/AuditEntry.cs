namespace Platform.Audit;

/// <summary>A committed audit row: the record, its place in the tenant's chain and the hashes that link it.</summary>
public sealed record AuditEntry(long Sequence, AuditRecord Record, string PreviousHash, string Hash);
