using System.Diagnostics.CodeAnalysis;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Grains.ApiKeys;

/// <summary>
/// The format of an MCP client's API key: <c>cfk_&lt;key id&gt;_&lt;secret&gt;</c>. The visible prefix
/// (<c>cfk_&lt;key id&gt;</c>) names the key in listings and logs; the secret is 256 random bits and is stored only as a
/// SHA-256 hash, which is enough for a random secret of that length (no password stretching needed).
/// </summary>
public static class ApiKeyToken
{
    public const string Scheme = "cfk_";
    private const int KeyIdLength = 16;
    private const int SecretLength = 43;
    private const int TokenLength = 4 + KeyIdLength + 1 + SecretLength;

    public static string NewKeyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Format(string keyId, string secret) => string.Concat(Scheme, keyId, "_", secret);

    /// <summary>The part of a key that is safe to show: scheme and key id.</summary>
    public static string PrefixOf(string keyId) => Scheme + keyId;

    public static bool IsKeyId([NotNullWhen(true)] string? value) =>
        value is { Length: KeyIdLength } && value.All(char.IsAsciiHexDigitLower);

    /// <summary>Splits a presented key into its key id; false for anything not shaped like a key.</summary>
    public static bool TryParse([NotNullWhen(true)] string? token, [NotNullWhen(true)] out string? keyId)
    {
        keyId = null;
        if (token is not { Length: TokenLength } || !token.StartsWith(Scheme, StringComparison.Ordinal) || token[4 + KeyIdLength] != '_')
        {
            return false;
        }

        var id = token.Substring(4, KeyIdLength);
        if (!IsKeyId(id) || !token.AsSpan(4 + KeyIdLength + 1).ContainsOnlyBase64UrlChars())
        {
            return false;
        }

        keyId = id;
        return true;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static bool ContainsOnlyBase64UrlChars(this ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }
}
