using Platform.Grains;
using Platform.Grains.Identity;

namespace Platform.Api.OAuth;

/// <summary>Whether a tenant admits a client now: it must be known (registered, or a valid metadata document) and pass the tenant's policy.</summary>
public sealed class ClientPolicyCheck(IGrainFactory grains, ClientMetadataDocuments documents)
{
    public async Task<string?> RefusalAsync(TenantId tenant, string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return "The request names no client.";
        }

        var registry = grains.GetOAuthClientRegistryGrain(tenant);
        var client = ClientMetadataDocuments.IsDocumentUrl(clientId)
            ? (await documents.GetAsync(clientId, cancellationToken)).Client
            : await registry.FindAsync(clientId);
        return client is null
            ? "This client is not registered with this organisation."
            : (await registry.GetPolicyAsync()).Refusal(clientId, client.Registration);
    }
}
