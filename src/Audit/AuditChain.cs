using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Platform.Audit;

/// <summary>
/// The per-tenant chain. Rows are keyed (format 2): hash = HMAC-SHA256(key, key id, previous hash, tenant, seq, every
/// field), so nobody without the key (a database writer included) can forge or re-link a row, and the key id in the row
/// lets keys rotate. Rows written before chains were keyed (format 1, plain SHA-256 over the same fields without the
/// credential) still verify; see <see cref="AuditVerifier"/> for where they are accepted. Each field is length-prefixed
/// (null distinct from empty), so no two different rows serialise alike.
/// </summary>
public sealed partial class AuditChain
{
    public const int UnkeyedFormat = 1;
    public const int KeyedFormat = 2;

    private readonly Dictionary<string, byte[]> keys;
    private readonly string activeKeyId;
    private readonly byte[] activeKey;

    public AuditChain(IOptions<AuditChainKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ring = options.Value;
        keys = ring.Keys.ToDictionary(k => k.Key, k => DecodeKey(k.Key, k.Value), StringComparer.Ordinal);
        activeKeyId = ring.ActiveKeyId is { Length: > 0 } id && keys.TryGetValue(id, out var key)
            ? id
            : throw new OptionsValidationException(AuditChainKeyOptions.Section, typeof(AuditChainKeyOptions),
                [$"{AuditChainKeyOptions.Section}:ActiveKeyId must name one of {AuditChainKeyOptions.Section}:Keys."]);
        activeKey = key;
    }

    /// <summary>The previous hash of a tenant's first row.</summary>
    public static string GenesisHash { get; } = new('0', 64);

    /// <summary>A fresh random key for a process whose rows die with it (embedded mode, tests).</summary>
    public static AuditChainKeyOptions GenerateKeyRing(string keyId) => new()
    {
        Keys = { [keyId] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(AuditChainKeyOptions.MinKeyBytes)) },
        ActiveKeyId = keyId,
    };

    /// <summary>Checks a configured ring without building it; null when it is usable.</summary>
    public static string? Problem(AuditChainKeyOptions ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (ring.ActiveKeyId is not { Length: > 0 } active || !ring.Keys.ContainsKey(active))
        {
            return $"{AuditChainKeyOptions.Section} needs Keys (id -> base64 of at least {AuditChainKeyOptions.MinKeyBytes} random bytes) and an ActiveKeyId naming one of them.";
        }

        foreach (var (id, value) in ring.Keys)
        {
            try
            {
                DecodeKey(id, value);
            }
            catch (OptionsValidationException exception)
            {
                return exception.Message;
            }
        }

        return null;
    }

    /// <summary>The row that follows <paramref name="head"/>: the next seq, keyed with the active key.</summary>
    public AuditEntry Link(AuditChainHead head, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(head);
        var sequence = head.LastSequence + 1;
        return new AuditEntry(sequence, record, head.LastHash, ComputeKeyedHash(activeKey, activeKeyId, head.LastHash, sequence, record), KeyedFormat, activeKeyId);
    }

    /// <summary>Why <paramref name="row"/> is not what its hash says, given the hash it must follow; null when it is.</summary>
    public string? FindForgery(AuditEntry row)
    {
        ArgumentNullException.ThrowIfNull(row);
        switch (row.Format)
        {
            case UnkeyedFormat when row.KeyId is not null || row.Record.Credential is not null || row.Record.CredentialIssuer is not null:
                return "it claims the unkeyed format 1 but carries fields that format never had (row edited).";
            case UnkeyedFormat:
                return ComputeUnkeyedHash(row.PreviousHash, row.Sequence, row.Record) == row.Hash ? null : "its content does not match its hash (row edited).";
            case KeyedFormat when row.KeyId is null || !keys.TryGetValue(row.KeyId, out _):
                return $"it is keyed with '{row.KeyId}', which is not among {AuditChainKeyOptions.Section}:Keys (a forged row, or a key removed too early).";
            case KeyedFormat:
                var expected = Convert.FromHexString(ComputeKeyedHash(keys[row.KeyId], row.KeyId, row.PreviousHash, row.Sequence, row.Record));
                return row.Hash.Length == expected.Length * 2 && IsHex(row.Hash)
                    && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(row.Hash))
                    ? null
                    : "its content does not match its keyed hash (row edited or forged without the key).";
            default:
                return $"it claims an unknown chain format {row.Format}.";
        }
    }

    /// <summary>Format 1, before chains were keyed: anyone can recompute it, so it proves order, not authorship.</summary>
    public static string ComputeUnkeyedHash(string previousHash, long sequence, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var message = new AuditChainMessage();
        message.Append("audit-chain-v1");
        message.Append(previousHash);
        AppendRecord(message, sequence, record);
        return Convert.ToHexStringLower(SHA256.HashData(message.Bytes));
    }

    private static string ComputeKeyedHash(byte[] key, string keyId, string previousHash, long sequence, AuditRecord record)
    {
        using var message = new AuditChainMessage();
        message.Append("audit-chain-v2");
        message.Append(keyId);
        message.Append(previousHash);
        AppendRecord(message, sequence, record);
        message.Append(record.Credential);
        message.Append(record.CredentialIssuer);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, message.Bytes));
    }

    private static void AppendRecord(AuditChainMessage message, long sequence, AuditRecord record)
    {
        message.Append(record.Tenant.Value);
        message.Append(sequence);
        message.Append(record.Kind.ToString());
        message.Append((record.OccurredAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        message.Append(record.Actor);
        message.Append(record.ClientName);
        message.Append(record.ClientVersion);
        message.Append(record.Operation);
        message.Append(record.Target);
        message.Append(record.ArgumentsDigest);
        message.Append(record.ArgumentsPreview);
        message.Append(record.Decision.ToString());
        message.Append(record.DecisionReason);
        message.Append(record.UpstreamStatus);
        message.Append(record.LatencyMs);
        message.Append(record.UpstreamLatencyMs);
        message.Append(record.BeforeJson);
        message.Append(record.AfterJson);
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigitLower);

    private static byte[] DecodeKey(string id, string base64)
    {
        if (!KeyIdPattern().IsMatch(id))
        {
            throw Invalid($"{AuditChainKeyOptions.Section}:Keys has an id that is not 1 to 64 letters, digits, '.', '_' or '-'.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw Invalid($"{AuditChainKeyOptions.Section}:Keys:{id} is not base64.");
        }

        return key.Length >= AuditChainKeyOptions.MinKeyBytes
            ? key
            : throw Invalid($"{AuditChainKeyOptions.Section}:Keys:{id} must hold at least {AuditChainKeyOptions.MinKeyBytes} bytes.");
    }

    private static OptionsValidationException Invalid(string message) =>
        new(AuditChainKeyOptions.Section, typeof(AuditChainKeyOptions), [message]);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
