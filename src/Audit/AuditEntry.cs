namespace Platform.Audit;

/// <summary>
/// A committed audit row: the record, its place in the tenant's chain, the hashes that link it, and how its hash was
/// made (<see cref="AuditChain.KeyedFormat"/> with the <see cref="KeyId"/> of its key, or the older unkeyed format).
/// </summary>
public sealed record AuditEntry(long Sequence, AuditRecord Record, string PreviousHash, string Hash, int Format, string? KeyId);
