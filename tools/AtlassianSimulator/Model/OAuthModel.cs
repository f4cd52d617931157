namespace AtlassianSimulator.Model;

/// <summary>A registered OAuth 2.0 (3LO) integration in the developer console.</summary>
public sealed record OAuthApp(string ClientId, string ClientSecret, string CallbackUrl, IReadOnlySet<string> Scopes, string Name);

/// <summary>One consent of one account to one app; covers one or more sites (cloud ids).</summary>
public sealed class Grant
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required string AccountId { get; init; }
    public required HashSet<string> Scopes { get; set; }
    public HashSet<string> CloudIds { get; } = [];
    public required DateTimeOffset FirstConsentAt { get; init; }
    public bool Revoked { get; set; }
}

public sealed record AuthorizationCode(string Code, string GrantId, string RedirectUri, IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt)
{
    public bool Used { get; set; }
}

public sealed record AccessToken(string Token, string GrantId, IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt);

public sealed class RefreshToken
{
    public required string Token { get; init; }
    public required string GrantId { get; init; }
    public required IReadOnlySet<string> Scopes { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset? RotatedAt { get; set; }
}
