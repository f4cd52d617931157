using Microsoft.Extensions.Options;
using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's Confluence integration, each change recorded in the tenant's audit log. Secrets are write-only: the
/// answers and the audit carry their fingerprints, never the secrets.
/// </summary>
public sealed class IntegrationAdmin(IGrainFactory grains, AdminAuditTrail audit, IOptions<PublicEndpointOptions> endpoint)
{
    public async Task<IntegrationResponse> GetAsync(TenantId tenant) =>
        await grains.GetTenantGrain(tenant).GetIntegrationAsync() is { } view
            ? Response(view)
            : throw new NotFoundException($"Tenant '{tenant}' has no integration yet.");

    /// <summary>Proves the credentials with a real request to Atlassian (see <see cref="Grains.Tenants.ITenantGrain.TestIntegrationAsync"/>); changes nothing.</summary>
    public Task<IntegrationCheck> TestAsync(TenantId tenant) => grains.GetTenantGrain(tenant).TestIntegrationAsync();

    /// <summary>Re-runs tool discovery, a change of who may call what.</summary>
    public async Task<PolicyChangeResponse<IntegrationResponse>> ConfigureAsync(AdminActor actor, TenantId tenant, IntegrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Uri.TryCreate(request.SiteUrl, UriKind.Absolute, out var site))
        {
            throw new InvalidRequestException(nameof(request.SiteUrl), "The site URL must be absolute, for example https://your-domain.atlassian.net.");
        }

        var settings = new IntegrationSettings(
            request.ClientId ?? "", request.Scopes ?? [], request.CloudId ?? "", site, request.CredentialMode ?? CredentialMode.PerUserOAuth, request.ServiceAccountEmail);
        return PolicyChangeResponse.After(await audit.ApplyAsync(actor, tenant, "integration.configure", tenant.Value,
            async () => (await grains.GetTenantGrain(tenant).ConfigureIntegrationAsync(settings)).Select(Response)));
    }

    public async Task<IntegrationResponse> SetClientSecretAsync(AdminActor actor, TenantId tenant, string? secret) =>
        await ApplyAsync(actor, tenant, "integration.client-secret", () => grains.GetTenantGrain(tenant).SetClientSecretAsync(secret ?? ""));

    public async Task<IntegrationResponse> SetServiceAccountTokenAsync(AdminActor actor, TenantId tenant, string? token) =>
        await ApplyAsync(actor, tenant, "integration.service-account-token", () => grains.GetTenantGrain(tenant).SetServiceAccountTokenAsync(token ?? ""));

    private async Task<IntegrationResponse> ApplyAsync(AdminActor actor, TenantId tenant, string action, Func<Task<Change<IntegrationView>>> change) =>
        (await audit.ApplyAsync(actor, tenant, action, tenant.Value, async () => (await change()).Select(Response))).After!;

    private IntegrationResponse Response(IntegrationView view) => IntegrationResponse.From(view, endpoint.Value.CallbackUrl);
}
