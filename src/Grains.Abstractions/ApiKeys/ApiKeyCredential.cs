using System.Security.Cryptography;

namespace Platform.Grains.ApiKeys;

/// <summary>What checking a presented key needs of its stored state: the token's SHA-256, never the token.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ApiKeyCredential")]
public sealed record ApiKeyCredential(
    [property: Id(0)] byte[] TokenHash,
    [property: Id(1)] DateTimeOffset? ExpiresAt,
    [property: Id(2)] bool Revoked,
    [property: Id(3)] ApiKeyIdentity Identity)
{
    /// <summary>Who <paramref name="tokenHash"/> authenticates at <paramref name="now"/>; null when wrong, expired or revoked.</summary>
    public ApiKeyIdentity? Verify(byte[] tokenHash, DateTimeOffset now) =>
        !Revoked
        && (ExpiresAt is not { } expiry || now < expiry)
        && CryptographicOperations.FixedTimeEquals(tokenHash, TokenHash)
            ? Identity
            : null;
}
