using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// Authenticates <c>Authorization: Bearer cfk_…</c> on <c>/t/{tenant}/mcp</c> against that tenant's keys. Any failure is
/// "no result", so the challenge (401 with the protected resource metadata) never says which part was wrong.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || !TenantId.TryParse(Context.GetRouteValue("tenant") as string, out var tenant))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[BearerPrefix.Length..].Trim();
        return await verifier.VerifyAsync(tenant, token) is { } user && ApiKeyToken.TryParse(token, out var keyId)
            ? AuthenticateResult.Success(new AuthenticationTicket(new McpCaller(tenant, user, $"api-key:{keyId}").ToPrincipal(SchemeName), SchemeName))
            : AuthenticateResult.NoResult();
    }
}
