using Microsoft.Extensions.Options;
using Platform.Grains.Connections;
using Platform.Grains.Identity;

namespace Platform.Api.OAuth;

/// <summary>
/// A tenant's public URLs, all under <c>PublicEndpoint:BaseUrl</c>: its MCP endpoint (the protected resource, and the
/// only audience its access tokens carry) and its authorization server's issuer, <c>…/t/{tenant}/</c>.
/// </summary>
public sealed class TenantUrls(IOptions<PublicEndpointOptions> options)
{
    private string Base => options.Value.BaseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The issuer: OpenIddict names a server by its base URI, which ends in '/'.</summary>
    public Uri Issuer(TenantId tenant) => new($"{Base}/t/{tenant.Value}/");

    public Uri Resource(TenantId tenant) => new($"{Base}/t/{tenant.Value}/mcp");

    public Uri ResourceMetadata(TenantId tenant) => new($"{Base}/.well-known/oauth-protected-resource/t/{tenant.Value}/mcp");

    public Uri SignIn(TenantId tenant) => new($"{Base}/t/{tenant.Value}/signin");

    public Uri OidcCallback(TenantId tenant) => new($"{Base}/t/{tenant.Value}/signin/oidc/callback");
}
