using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// Walks a tenant's rows in seq order and recomputes the chain. Detects an edited or forged row (its hash, keyed with
/// the row's key id, no longer matches), a deleted row (a gap in seq), a moved or re-linked row (its previous hash is
/// not the row before's hash), a row keyed with an unknown key id, an unkeyed row after keyed ones (a downgrade), and a
/// truncated tail (the head remembers a later seq or another hash than the last row has).
/// </summary>
public static class AuditVerifier
{
    /// <summary>
    /// Checks <paramref name="rowsInSequenceOrder"/> against <paramref name="head"/> (null when the tenant has none).
    /// <paramref name="start"/> is where the rows begin when an older prefix was dropped on purpose (the in-memory log's
    /// cap): the seq and hash of the last dropped row; null when the rows start at seq 1.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(
        AuditChain chain,
        TenantId tenant,
        IAsyncEnumerable<AuditEntry> rowsInSequenceOrder,
        AuditChainHead? head,
        CancellationToken cancellationToken,
        AuditChainHead? start = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(rowsInSequenceOrder);
        var first = (start?.LastSequence ?? 0) + 1;
        var expected = first;
        var previousHash = start?.LastHash ?? AuditChain.GenesisHash;
        var unkeyed = 0L;
        var keyedSeen = false;
        AuditVerification Broken(long sequence, string problem) =>
            new(tenant, expected - first, sequence, problem) { FirstSequence = first, UnkeyedRows = unkeyed };

        await foreach (var row in rowsInSequenceOrder.WithCancellation(cancellationToken))
        {
            if (row.Sequence != expected)
            {
                return Broken(expected, $"row {expected} is missing (next row present is {row.Sequence}).");
            }

            if (row.Record.Tenant != tenant)
            {
                return Broken(expected, "the row belongs to another tenant.");
            }

            if (row.PreviousHash != previousHash)
            {
                return Broken(expected, "its previous hash does not match the row before it (rows moved or re-linked).");
            }

            if (row.Format == AuditChain.UnkeyedFormat && keyedSeen)
            {
                return Broken(expected, "it claims the unkeyed format after keyed rows (a row written without the key).");
            }

            if (chain.FindForgery(row) is { } forgery)
            {
                return Broken(expected, forgery);
            }

            keyedSeen |= row.Format == AuditChain.KeyedFormat;
            unkeyed += row.Format == AuditChain.UnkeyedFormat ? 1 : 0;
            previousHash = row.Hash;
            expected++;
        }

        var lastSequence = expected - 1;
        return head switch
        {
            null when lastSequence == 0 => new AuditVerification(tenant, 0, null, null),
            null => Broken(expected, "the chain head is missing."),
            _ when head.LastSequence > lastSequence => Broken(
                expected, $"rows {expected}..{head.LastSequence} are missing (tail truncated; the head records seq {head.LastSequence})."),
            _ when head.LastSequence < lastSequence => Broken(
                head.LastSequence + 1, $"the head records seq {head.LastSequence}, but rows go up to {lastSequence}."),
            _ when head.LastHash != previousHash => Broken(lastSequence, "the head's hash does not match the last row."),
            _ => new AuditVerification(tenant, lastSequence - first + 1, null, null) { FirstSequence = first, UnkeyedRows = unkeyed },
        };
    }
}
