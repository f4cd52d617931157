namespace Platform.Api.Admin;

/// <summary>The result of checking a tenant's audit hash chain: intact, or the first row where it breaks and why.</summary>
public sealed record AuditVerificationResponse(string Tenant, bool Intact, long RowsChecked, long? FirstBrokenSequence, string? Problem);
