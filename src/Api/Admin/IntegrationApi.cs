using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's Confluence integration: <c>/admin/v1/tenants/{tenantId}/integration</c>. Secrets are write-only.
/// Registering or changing it re-runs tool discovery against the granted scopes.
/// </summary>
public static class IntegrationApi
{
    public static IEndpointRouteBuilder MapIntegrationApi(this IEndpointRouteBuilder routes)
    {
        var integration = routes.MapGroup("/admin/v1/tenants/{tenantId}/integration").RequireTenantAdmin().WithTags("Integration");
        integration.MapGet("/", GetAsync);
        integration.MapPut("/", ConfigureAsync).ProducesChangeProblems();
        integration.MapPut("/client-secret", SetClientSecretAsync).ProducesChangeProblems();
        integration.MapPut("/service-account-token", SetServiceAccountTokenAsync).ProducesChangeProblems();
        return routes;
    }

    private static async Task<Ok<IntegrationResponse>> GetAsync(TenantId tenantId, IntegrationAdmin admin) =>
        TypedResults.Ok(await admin.GetAsync(tenantId));

    private static async Task<Ok<PolicyChangeResponse<IntegrationResponse>>> ConfigureAsync(TenantId tenantId, IntegrationRequest request, IntegrationAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.ConfigureAsync(AdminActor.Of(http), tenantId, request));

    private static async Task<Ok<IntegrationResponse>> SetClientSecretAsync(TenantId tenantId, SecretRequest request, IntegrationAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetClientSecretAsync(AdminActor.Of(http), tenantId, request.Value));

    private static async Task<Ok<IntegrationResponse>> SetServiceAccountTokenAsync(TenantId tenantId, SecretRequest request, IntegrationAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetServiceAccountTokenAsync(AdminActor.Of(http), tenantId, request.Value));
}
