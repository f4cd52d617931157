using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.Grains.Security;

namespace Platform.Api.OAuth;

/// <summary>
/// The authorization servers' keys, derived (HKDF-SHA256) from the platform key ring, so every Api pod has the same
/// keys with nothing stored and no coordination: per ring key an ES256 signing key and an AES-256 key that encrypts
/// codes and refresh tokens. The active ring key's pair signs and encrypts; the others still verify and decrypt, so
/// rotating the key ring rotates these keys too.
/// </summary>
public sealed class OAuthSigningKeys
{
    private const int MaxDerivationAttempts = 8;

    public OAuthSigningKeys(IOptions<KeyRingOptions> options)
    {
        var ring = options.Value;
        var ordered = ring.Keys.OrderBy(key => key.Key == ring.ActiveKeyId ? 0 : 1).ThenBy(key => key.Key, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0 || ordered[0].Key != ring.ActiveKeyId)
        {
            throw new OptionsValidationException(KeyRingOptions.Section, typeof(KeyRingOptions), ["Security:KeyRing:ActiveKeyId must name one of Security:KeyRing:Keys."]);
        }

        SigningKeys = [.. ordered.Select(key => SigningKey(Convert.FromBase64String(key.Value)))];
        EncryptionKeys = [.. ordered.Select(key => EncryptionKey(Convert.FromBase64String(key.Value)))];
    }

    /// <summary>ES256 keys, the signing one first.</summary>
    public IReadOnlyList<ECDsaSecurityKey> SigningKeys { get; }

    /// <summary>AES-256 keys, the encrypting one first.</summary>
    public IReadOnlyList<SymmetricSecurityKey> EncryptionKeys { get; }

    private static ECDsaSecurityKey SigningKey(byte[] ringKey)
    {
        // A P-256 private key is any scalar below the group order; a derived one is out of range with odds of 2^-32.
        for (var attempt = 0; attempt < MaxDerivationAttempts; attempt++)
        {
            var scalar = HKDF.DeriveKey(HashAlgorithmName.SHA256, ringKey, 32, [], Encoding.ASCII.GetBytes($"platform/oauth/es256/v1/{attempt}"));
            try
            {
                var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
                var publicKey = ecdsa.ExportSubjectPublicKeyInfo();
                return new ECDsaSecurityKey(ecdsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(publicKey))[..16] };
            }
            catch (CryptographicException)
            {
                // Out of range: derive the next candidate.
            }
        }

        throw new CryptographicException("Could not derive a signing key from the key ring.");
    }

    private static SymmetricSecurityKey EncryptionKey(byte[] ringKey)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ringKey, 32, [], "platform/oauth/token-encryption/v1"u8.ToArray());
        return new SymmetricSecurityKey(key) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(key))[..16] };
    }
}
