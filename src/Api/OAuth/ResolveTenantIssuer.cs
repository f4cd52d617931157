using Microsoft.AspNetCore;
using OpenIddict.Server;
using Platform.Api.Security;
using Platform.Grains;
using Platform.Grains.Tenants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Api.OAuth;

/// <summary>
/// One issuer per tenant on one OpenIddict server: before OpenIddict matches endpoints, this sets the request's base URI
/// to the tenant's issuer (<c>{PublicEndpoint:BaseUrl}/t/{tenant}/</c>), so endpoints, metadata, the <c>iss</c> of
/// responses and tokens, and token validation are all that tenant's. A path naming no existing tenant is left to the
/// rest of the pipeline (404), so there is no platform-wide authorization server.
/// </summary>
public sealed class ResolveTenantIssuer(IGrainFactory grains, KnownTenants tenants, TenantUrls urls) : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseScopedHandler<ResolveTenantIssuer>()
        .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order - 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessRequestContext context)
    {
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        if (http is null || !TenantIssuerPaths.TryMatch(http.Request.Path, out var tenant, out var below)
            || !await tenants.ExistsAsync(tenant)
            || await grains.GetTenantGrain(tenant).GetAsync() is not { Status: not TenantStatus.Deleted })
        {
            context.SkipRequest();
            return;
        }

        OAuthTenant.Set(http, tenant);
        var issuer = urls.Issuer(tenant);
        context.BaseUri = issuer;
        context.RequestUri = new Uri(issuer, below + http.Request.QueryString);
    }
}
