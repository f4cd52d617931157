namespace Platform.Api.Admin;

/// <summary>
/// The result of checking a tenant's audit hash chain: intact, or the first row where it breaks and why. The chain may
/// start after 1 (the oldest rows were dropped from a bounded in-memory log), and rows written before the chain was keyed
/// are counted apart.
/// </summary>
public sealed record AuditVerificationResponse(
    string Tenant, bool Intact, long RowsChecked, long FirstSequence, long UnkeyedRows, long? FirstBrokenSequence, string? Problem);
