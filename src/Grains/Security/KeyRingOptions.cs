namespace Platform.Grains.Security;

/// <summary>
/// Section <c>Security:KeyRing</c>: the keys that seal tokens and secrets at rest (in production, a Kubernetes Secret).
/// Every key stays so old ciphertexts can be opened; new seals use <see cref="ActiveKeyId"/>.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Security:KeyRing";

    /// <summary>Key id to base64 of 32 random bytes (AES-256).</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    public string? ActiveKeyId { get; set; }
}
