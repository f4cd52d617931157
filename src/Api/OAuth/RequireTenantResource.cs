using Microsoft.AspNetCore;
using System.Collections.Immutable;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Api.OAuth;

/// <summary>
/// RFC 8707: every authorization and token request names the one resource this issuer serves, the tenant's MCP endpoint,
/// so each token's audience is exactly that endpoint. Missing or any other resource is <c>invalid_target</c>.
/// </summary>
public sealed class RequireTenantResource(TenantUrls urls) :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseSingletonHandler<RequireTenantResource>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseSingletonHandler<RequireTenantResource>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (Refusal(context.Transaction, context.Request.Resources) is { } refusal)
        {
            context.Reject(Errors.InvalidTarget, refusal);
        }

        return default;
    }

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (Refusal(context.Transaction, context.Request.Resources) is { } refusal)
        {
            context.Reject(Errors.InvalidTarget, refusal);
        }

        return default;
    }

    private string? Refusal(OpenIddictServerTransaction transaction, ImmutableArray<string?>? resources)
    {
        var expected = urls.Resource(OAuthTenant.Of(transaction.GetHttpRequest()?.HttpContext)).AbsoluteUri;
        return resources is { Length: 1 } named && named[0] == expected
            ? null
            : $"The 'resource' parameter is required and must be this organisation's MCP endpoint, {expected}.";
    }
}
