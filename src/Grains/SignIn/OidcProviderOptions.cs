namespace Platform.Grains.SignIn;

/// <summary>Section <c>SignIn:Oidc</c>: reaching the OpenID Connect providers tenant admins name (SSRF-safe).</summary>
public sealed class OidcProviderOptions
{
    public const string Section = "SignIn:Oidc";

    /// <summary>
    /// Host patterns (<c>host:port</c>, <c>*.domain</c>) of providers that may be reached although they resolve to
    /// loopback, private, link-local or metadata addresses. Empty in production: a tenant admin's issuer is public or
    /// unreachable. Tests and on-premises providers are named here.
    /// </summary>
    public IList<string> AllowedPrivateHosts { get; } = [];
}
