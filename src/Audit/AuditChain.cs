using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Audit;

/// <summary>
/// The per-tenant hash chain: hash = SHA-256(previous hash, tenant, seq, every field of the record). Each field is
/// length-prefixed (null distinct from empty), so no two different rows serialise alike.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of a tenant's first row.</summary>
    public static string GenesisHash { get; } = new('0', 64);

    // Bumped if the serialisation ever changes, so old and new rows can never be confused.
    private const string FormatVersion = "audit-chain-v1";

    public static AuditEntry Link(AuditChainHead head, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(head);
        var sequence = head.LastSequence + 1;
        return new AuditEntry(sequence, record, head.LastHash, ComputeHash(head.LastHash, sequence, record));
    }

    public static string ComputeHash(string previousHash, long sequence, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, FormatVersion);
        Append(hash, previousHash);
        Append(hash, record.Tenant.Value);
        Append(hash, sequence);
        Append(hash, record.Kind.ToString());
        Append(hash, (record.OccurredAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        Append(hash, record.Actor);
        Append(hash, record.ClientName);
        Append(hash, record.ClientVersion);
        Append(hash, record.Operation);
        Append(hash, record.Target);
        Append(hash, record.ArgumentsDigest);
        Append(hash, record.ArgumentsPreview);
        Append(hash, record.Decision.ToString());
        Append(hash, record.DecisionReason);
        Append(hash, record.UpstreamStatus);
        Append(hash, record.LatencyMs);
        Append(hash, record.UpstreamLatencyMs);
        Append(hash, record.BeforeJson);
        Append(hash, record.AfterJson);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, long? value) =>
        Append(hash, value?.ToString(CultureInfo.InvariantCulture));

    private static void Append(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
