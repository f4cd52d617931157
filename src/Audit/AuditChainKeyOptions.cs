namespace Platform.Audit;

/// <summary>
/// Section <c>Audit:ChainKeys</c>: the HMAC keys of the audit chain, apart from the key ring that seals secrets, so
/// either can be rotated or handed to a process without the other. Every key stays while rows keyed with it must verify;
/// new rows use <see cref="ActiveKeyId"/>.
/// </summary>
public sealed class AuditChainKeyOptions
{
    public const string Section = "Audit:ChainKeys";

    /// <summary>Shortest key accepted: HMAC-SHA256's block of security, 32 random bytes.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>Key id (stored in each row, up to 64 letters, digits, '.', '_' or '-') to base64 of at least 32 random bytes.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    public string? ActiveKeyId { get; set; }
}
