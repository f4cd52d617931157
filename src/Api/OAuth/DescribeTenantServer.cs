using Microsoft.AspNetCore;
using System.Text.Json;
using OpenIddict.Server;
using Platform.Grains;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Api.OAuth;

/// <summary>
/// Adds to a tenant's RFC 8414 metadata what OpenIddict does not know about: the dynamic registration endpoint and Client
/// ID Metadata Document support, each only while the tenant's policy accepts it.
/// </summary>
public sealed class DescribeTenantServer(IGrainFactory grains) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseScopedHandler<DescribeTenantServer>()
        .SetOrder(int.MaxValue - 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    private static readonly JsonElement PublicClientsOnly = JsonSerializer.SerializeToElement(new[] { "none" });

    public async ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        var policy = await grains.GetOAuthClientRegistryGrain(OAuthTenant.Of(context.Transaction.GetHttpRequest()?.HttpContext)).GetPolicyAsync();
        if (policy.AcceptDynamicRegistration)
        {
            context.Metadata["registration_endpoint"] = new Uri(context.BaseUri!, "oauth/register").AbsoluteUri;
        }

        context.Metadata["client_id_metadata_document_supported"] = policy.AcceptMetadataDocuments;
        context.Metadata["authorization_response_iss_parameter_supported"] = true;
        context.Metadata["token_endpoint_auth_methods_supported"] = PublicClientsOnly;
    }
}
