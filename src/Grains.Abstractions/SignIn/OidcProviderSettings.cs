namespace Platform.Grains.SignIn;

/// <summary>A tenant's OpenID Connect identity provider. Its client secret is set separately and never read back.</summary>
[GenerateSerializer, Immutable, Alias("Platform.OidcProviderSettings")]
public sealed record OidcProviderSettings(
    [property: Id(0)] Uri Issuer,
    [property: Id(1)] string ClientId,
    [property: Id(2)] IReadOnlyList<string> Scopes);
