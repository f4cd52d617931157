using System.Globalization;
using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// The outcome of recomputing a tenant's chain. When broken, <see cref="FirstBrokenSequence"/> is the first sequence
/// number that is missing, edited, forged or out of place, and <see cref="Problem"/> says which.
/// </summary>
public sealed record AuditVerification(TenantId Tenant, long RowsChecked, long? FirstBrokenSequence, string? Problem)
{
    public bool IsIntact => FirstBrokenSequence is null;

    /// <summary>The seq checking began at: 1, unless an older prefix was dropped on purpose (the in-memory log's cap).</summary>
    public long FirstSequence { get; init; } = 1;

    /// <summary>
    /// Rows written before chains were keyed (format 1, plain SHA-256). They can only come before every keyed row, and
    /// the first keyed row's hash covers the last of them, but on their own they prove order, not who wrote them.
    /// </summary>
    public long UnkeyedRows { get; init; }

    public override string ToString()
    {
        if (!IsIntact)
        {
            return $"Audit chain of tenant {Tenant} is broken at seq {FirstBrokenSequence}: {Problem}";
        }

        var notes = new List<string>();
        if (FirstSequence > 1)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"rows before seq {FirstSequence} were dropped by the in-memory log's cap"));
        }

        if (UnkeyedRows > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"the first {UnkeyedRows} rows predate keyed chains (format 1, unkeyed)"));
        }

        var suffix = notes.Count == 0 ? "" : $"; {string.Join("; ", notes)}";
        return string.Create(CultureInfo.InvariantCulture, $"Audit chain of tenant {Tenant} is intact ({RowsChecked} rows{suffix}).");
    }
}
