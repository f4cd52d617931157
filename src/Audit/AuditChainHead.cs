namespace Platform.Audit;

/// <summary>A tenant's newest sequence number and hash, kept apart from the rows so a truncated tail shows.</summary>
public sealed record AuditChainHead(long LastSequence, string LastHash);
