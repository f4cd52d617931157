using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Api.OAuth;

/// <summary>
/// The tenant's client policy, applied once OpenIddict knows the client: how it registered must be a method the tenant
/// accepts, and its id must pass the allow and block lists. At the authorization endpoint a refused client is told
/// <c>unauthorized_client</c>; at the token endpoint <c>invalid_client</c>, so a client blocked after consent can
/// neither redeem its code nor refresh.
/// </summary>
public sealed class EnforceClientPolicy(ClientPolicyCheck check) :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseScopedHandler<EnforceClientPolicy>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateAuthentication.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseScopedHandler<EnforceClientPolicy>()
        .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (await check.RefusalAsync(OAuthTenant.Of(context.Transaction.GetHttpRequest()?.HttpContext), context.ClientId, context.CancellationToken) is { } refusal)
        {
            context.Reject(Errors.UnauthorizedClient, refusal);
        }
    }

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (await check.RefusalAsync(OAuthTenant.Of(context.Transaction.GetHttpRequest()?.HttpContext), context.ClientId, context.CancellationToken) is { } refusal)
        {
            context.Reject(Errors.InvalidClient, refusal);
        }
    }
}
