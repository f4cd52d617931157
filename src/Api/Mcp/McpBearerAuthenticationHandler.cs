using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Api.OAuth;
using Platform.Api.Security;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// Authenticates <c>Authorization: Bearer …</c> on <c>/t/{tenant}/mcp</c>: a per-user API key (<c>cfk_…</c>) against that
/// tenant's keys, or an access token issued by that tenant's authorization server. Either becomes the same
/// <see cref="McpCaller"/>. Any failure is "no result", so the challenge (401 with the protected resource metadata)
/// never says which part was wrong, nor whether the tenant exists.
/// </summary>
public sealed class McpBearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KnownTenants tenants,
    ApiKeyVerifier apiKeys,
    AccessTokenValidator accessTokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "McpBearer";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || !TenantId.TryParse(Context.GetRouteValue("tenant") as string, out var tenant)
            // A made-up tenant is answered as a wrong key is, without touching any grain of it.
            || !await tenants.ExistsAsync(tenant))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[BearerPrefix.Length..].Trim();
        McpCaller? caller = null;
        if (ApiKeyToken.TryParse(token, out var keyId))
        {
            caller = await apiKeys.VerifyAsync(tenant, token) is { } user ? new McpCaller(tenant, user) { Credential = $"api-key:{keyId}" } : null;
        }
        else if (AccessTokenValidator.LooksLikeJwt(token))
        {
            caller = await accessTokens.ValidateAsync(tenant, token, Context.RequestAborted);
        }

        return caller is null
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }
}
