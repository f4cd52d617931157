using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// Walks a tenant's rows in seq order and recomputes the chain. Detects an edited row (its hash no longer matches),
/// a deleted row (a gap in seq), a moved or re-linked row (its previous hash is not the row before's hash) and a
/// truncated tail (the head remembers a later seq or another hash than the last row has).
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(
        TenantId tenant, IAsyncEnumerable<AuditEntry> rowsInSequenceOrder, AuditChainHead? head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rowsInSequenceOrder);
        var expected = 1L;
        var previousHash = AuditChain.GenesisHash;
        await foreach (var row in rowsInSequenceOrder.WithCancellation(cancellationToken))
        {
            if (row.Sequence != expected)
            {
                return Broken(tenant, expected, expected, $"row {expected} is missing (next row present is {row.Sequence}).");
            }

            if (row.Record.Tenant != tenant)
            {
                return Broken(tenant, expected, expected, "the row belongs to another tenant.");
            }

            if (row.PreviousHash != previousHash)
            {
                return Broken(tenant, expected, expected, "its previous hash does not match the row before it (rows moved or re-linked).");
            }

            if (AuditChain.ComputeHash(previousHash, row.Sequence, row.Record) != row.Hash)
            {
                return Broken(tenant, expected, expected, "its content does not match its hash (row edited).");
            }

            previousHash = row.Hash;
            expected++;
        }

        var lastSequence = expected - 1;
        return head switch
        {
            null when lastSequence == 0 => new AuditVerification(tenant, 0, null, null),
            null => Broken(tenant, lastSequence, expected, "the chain head is missing."),
            _ when head.LastSequence > lastSequence => Broken(
                tenant, lastSequence, expected, $"rows {expected}..{head.LastSequence} are missing (tail truncated; the head records seq {head.LastSequence})."),
            _ when head.LastSequence < lastSequence => Broken(
                tenant, lastSequence, head.LastSequence + 1, $"the head records seq {head.LastSequence}, but rows go up to {lastSequence}."),
            _ when head.LastHash != previousHash => Broken(
                tenant, lastSequence, lastSequence, "the head's hash does not match the last row."),
            _ => new AuditVerification(tenant, lastSequence, null, null),
        };
    }

    private static AuditVerification Broken(TenantId tenant, long rowsChecked, long sequence, string problem) =>
        new(tenant, rowsChecked, sequence, problem);
}
