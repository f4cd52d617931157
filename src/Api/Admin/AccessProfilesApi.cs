using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>Access profiles: <c>/admin/v1/tenants/{tenantId}/access-profiles</c>, binding toolsets to users and groups.</summary>
public static class AccessProfilesApi
{
    public static IEndpointRouteBuilder MapAccessProfilesApi(this IEndpointRouteBuilder routes)
    {
        var profiles = routes.MapGroup("/admin/v1/tenants/{tenantId}/access-profiles").RequireTenantAdmin().WithTags("Access profiles");
        profiles.MapGet("/", GetAsync);
        profiles.MapPost("/", CreateAsync).ProducesChangeProblems();
        profiles.MapPut("/{name}", ReplaceAsync).ProducesChangeProblems();
        profiles.MapDelete("/{name}", DeleteAsync).ProducesChangeProblems();
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<AccessProfile>>> GetAsync(TenantId tenantId, GovernanceAdmin admin) =>
        TypedResults.Ok(await admin.GetAccessProfilesAsync(tenantId));

    private static async Task<Created<PolicyChangeResponse<AccessProfile>>> CreateAsync(TenantId tenantId, AccessProfileRequest request, GovernanceAdmin admin, HttpContext http)
    {
        var created = await admin.CreateAccessProfileAsync(AdminActor.Of(http), tenantId, request.ToProfile(request.Name));
        return TypedResults.Created($"/admin/v1/tenants/{tenantId}/access-profiles/{created.Resource.Name}", created);
    }

    private static async Task<Ok<PolicyChangeResponse<AccessProfile>>> ReplaceAsync(TenantId tenantId, string name, AccessProfileRequest request, GovernanceAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.ReplaceAccessProfileAsync(AdminActor.Of(http), tenantId, request.ToProfile(name)));

    private static async Task<Ok<PolicyChangeResponse<AccessProfile>>> DeleteAsync(TenantId tenantId, string name, GovernanceAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.DeleteAccessProfileAsync(AdminActor.Of(http), tenantId, name));
}
