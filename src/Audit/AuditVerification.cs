using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// The outcome of recomputing a tenant's chain. When broken, <see cref="FirstBrokenSequence"/> is the first sequence
/// number that is missing, edited or out of place, and <see cref="Problem"/> says which.
/// </summary>
public sealed record AuditVerification(TenantId Tenant, long RowsChecked, long? FirstBrokenSequence, string? Problem)
{
    public bool IsIntact => FirstBrokenSequence is null;

    public override string ToString() => IsIntact
        ? $"Audit chain of tenant {Tenant} is intact ({RowsChecked} rows)."
        : $"Audit chain of tenant {Tenant} is broken at seq {FirstBrokenSequence}: {Problem}";
}
