using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Api.Mcp;
using Platform.Grains;
using Platform.Grains.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Api.OAuth;

/// <summary>
/// Checks an access token presented to <c>/t/{tenant}/mcp</c> on the Api tier: ES256 signature with the derived keys
/// (no other algorithm, so <c>alg: none</c> and HMAC tricks fail), type <c>at+jwt</c>, issuer and audience of exactly
/// this tenant, lifetime. Whether its grant is still valid and its client still admitted is asked of the grains at most
/// once per <see cref="OAuthOptions.GrantCheckInterval"/> per grant, so a call usually costs no grain hop.
/// </summary>
public sealed class AccessTokenValidator(
    OAuthSigningKeys keys, TenantUrls urls, IGrainFactory grains, ClientPolicyCheck clients, IMemoryCache cache, IOptions<OAuthOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    public async Task<McpCaller?> ValidateAsync(TenantId tenant, string token, CancellationToken cancellationToken)
    {
        var result = await handler.ValidateTokenAsync(token, ParametersOf(tenant));
        if (!result.IsValid
            || !UserId.TryParse(result.ClaimsIdentity.FindFirst(Claims.Subject)?.Value, out var user)
            || result.ClaimsIdentity.FindFirst(Claims.ClientId)?.Value is not { Length: > 0 } clientId
            || result.ClaimsIdentity.FindFirst(Claims.Private.AuthorizationId)?.Value is not { Length: > 0 } authorizationId)
        {
            return null;
        }

        var scopes = (result.ClaimsIdentity.FindFirst(Claims.Scope)?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return await StillGrantedAsync(tenant, user, authorizationId, clientId, cancellationToken)
            ? new McpCaller(tenant, user, clientId, scopes)
            : null;
    }

    /// <summary>
    /// One set per tenant, kept a while (in the size-bounded cache, so URLs naming made-up tenants cannot grow it): building
    /// them per call costs more than the signature check.
    /// </summary>
    private TokenValidationParameters ParametersOf(TenantId tenant) =>
        cache.GetOrCreate((nameof(TokenValidationParameters), tenant), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return ParametersFor(tenant);
        })!;

    private TokenValidationParameters ParametersFor(TenantId tenant) => new()
    {
        ValidIssuer = urls.Issuer(tenant).AbsoluteUri,
        ValidAudience = urls.Resource(tenant).AbsoluteUri,
        IssuerSigningKeys = keys.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = [JsonWebTokenTypes.AccessToken],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        LifetimeValidator = (notBefore, expires, _, _) =>
            expires is { } end && time.GetUtcNow().UtcDateTime < end + ClockSkew && (notBefore is not { } start || start - ClockSkew <= time.GetUtcNow().UtcDateTime),
    };

    private async Task<bool> StillGrantedAsync(TenantId tenant, UserId user, string authorizationId, string clientId, CancellationToken cancellationToken)
    {
        var key = (nameof(AccessTokenValidator), tenant, authorizationId);
        if (cache.TryGetValue(key, out bool granted))
        {
            return granted;
        }

        granted = await grains.GetOAuthGrantsGrain(tenant, user).IsAuthorizationValidAsync(authorizationId)
            && await clients.RefusalAsync(tenant, clientId, cancellationToken) is null;
        if (options.Value.GrantCheckInterval > TimeSpan.Zero)
        {
            using var entry = cache.CreateEntry(key);
            entry.Value = granted;
            entry.Size = 1;
            entry.AbsoluteExpiration = time.GetUtcNow() + options.Value.GrantCheckInterval;
        }

        return granted;
    }
}
