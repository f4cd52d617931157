using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Grains;
using Platform.Grains.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Api.OAuth;

/// <summary>
/// RFC 7009: revoking a refresh token also invalidates the access tokens of the same grant. Access tokens are checked
/// against their grant, so this revokes the grant (the authorization and every token under it).
/// </summary>
public sealed class RevokeGrantWithRefreshToken(IGrainFactory grains) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<RevokeGrantWithRefreshToken>()
        .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal is { } principal && principal.GetTokenType() == TokenTypeIdentifiers.RefreshToken
            && principal.GetAuthorizationId() is { } authorizationId && UserId.TryParse(principal.GetClaim(Claims.Subject), out var user))
        {
            await grains.GetOAuthGrantsGrain(OAuthTenant.Of(context.Transaction.GetHttpRequest()?.HttpContext), user).RevokeAuthorizationAsync(authorizationId);
        }
    }
}
