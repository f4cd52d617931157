using Platform.Grains.ApiKeys;

namespace Platform.Api.Admin;

/// <summary>A key as listed: its prefix names it, with who issued it and what it opens; the secret is never shown again.</summary>
public sealed record ApiKeyResponse(
    string KeyId, string Prefix, string User, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
    string IssuedBy, IReadOnlyList<string> Scopes)
{
    public static ApiKeyResponse From(ApiKeyView key) =>
        new(key.KeyId, key.Prefix, key.User.Value, key.Name, key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.IssuedBy, key.Scopes);
}
