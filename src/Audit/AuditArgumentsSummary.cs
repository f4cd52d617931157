namespace Platform.Audit;

/// <summary>What is kept of a call's arguments: the canonical JSON's SHA-256 (hex) and a redacted, bounded preview.</summary>
public sealed record AuditArgumentsSummary(string Digest, string Preview);
