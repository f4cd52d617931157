namespace Platform.Grains.SignIn;

/// <summary>What the Api keeps (in a protected cookie) between sending a person to the identity provider and their return.</summary>
[GenerateSerializer, Immutable, Alias("Platform.OidcSignInRequest")]
public sealed record OidcSignInRequest(
    [property: Id(0)] string State,
    [property: Id(1)] string Nonce,
    [property: Id(2)] string CodeVerifier,
    [property: Id(3)] Uri RedirectUri)
{
    public override string ToString() => "OidcSignInRequest(redacted)";
}
