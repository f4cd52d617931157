using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Grains.Security;

/// <summary>
/// Seals secrets with AES-256-GCM under the key ring. A sealed value is <c>v1.{keyId}.{base64url(nonce|ciphertext|tag)}</c>;
/// the context (for example <c>acme/alice:refresh_token</c>) is authenticated too, so a ciphertext copied to another
/// user or field does not open.
/// </summary>
public sealed class SecretSealer
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> keys;
    private readonly string activeKeyId;

    public SecretSealer(IOptions<KeyRingOptions> options)
    {
        var ring = options.Value;
        keys = ring.Keys.ToDictionary(k => k.Key, k => DecodeKey(k.Key, k.Value), StringComparer.Ordinal);
        activeKeyId = ring.ActiveKeyId is { Length: > 0 } id && keys.ContainsKey(id)
            ? id
            : throw new OptionsValidationException(KeyRingOptions.Section, typeof(KeyRingOptions),
                ["Security:KeyRing:ActiveKeyId must name one of Security:KeyRing:Keys."]);
    }

    public string Seal(string plaintext, string context)
    {
        var input = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + input.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[activeKeyId], TagSize);
        aes.Encrypt(nonce, input, sealedBytes.AsSpan(NonceSize, input.Length), sealedBytes.AsSpan(NonceSize + input.Length), Encoding.UTF8.GetBytes(context));
        return $"{Version}.{activeKeyId}.{Base64Url.EncodeToString(sealedBytes)}";
    }

    public string Unseal(string sealedValue, string context)
    {
        var parts = sealedValue.Split('.');
        if (parts is not [Version, var keyId, var payload] || !keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException("The sealed value has an unknown format or key id.");
        }

        var sealedBytes = Base64Url.DecodeFromChars(payload);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is truncated.");
        }

        var output = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            sealedBytes.AsSpan(0, NonceSize),
            sealedBytes.AsSpan(NonceSize, output.Length),
            sealedBytes.AsSpan(NonceSize + output.Length),
            output,
            Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(output);
    }

    /// <summary>The same secret sealed under the active key, or the value itself when it already is (key rotation on write).</summary>
    public string Reseal(string sealedValue, string context) =>
        IsSealedWithOldKey(sealedValue) ? Seal(Unseal(sealedValue, context), context) : sealedValue;

    /// <summary>A short, non-reversible fingerprint an admin can compare with the secret they hold.</summary>
    public static string Fingerprint(string secret) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];

    /// <summary>True when the value was sealed under a key other than the active one and should be re-sealed on the next write.</summary>
    public bool IsSealedWithOldKey(string sealedValue) =>
        !sealedValue.StartsWith($"{Version}.{activeKeyId}.", StringComparison.Ordinal);

    private static byte[] DecodeKey(string id, string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            key = [];
        }

        return key.Length == 32 && !id.Contains('.', StringComparison.Ordinal)
            ? key
            : throw new OptionsValidationException(KeyRingOptions.Section, typeof(KeyRingOptions),
                [$"Key '{id}' must be base64 of 32 bytes, and its id must not contain '.'."]);
    }
}
