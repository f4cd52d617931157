namespace Platform.Grains.OAuth;

/// <summary>Everything one user has granted to OAuth clients: authorizations and the tokens issued under them.</summary>
[GenerateSerializer, Immutable, Alias("Platform.OAuthGrants")]
public sealed record OAuthGrants(
    [property: Id(0)] IReadOnlyList<OAuthAuthorizationEntry> Authorizations,
    [property: Id(1)] IReadOnlyList<OAuthTokenEntry> Tokens);
