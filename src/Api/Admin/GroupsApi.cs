using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>Groups of a tenant's users: <c>/admin/v1/tenants/{tenantId}/groups</c>.</summary>
public static class GroupsApi
{
    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder routes)
    {
        var groups = routes.MapGroup("/admin/v1/tenants/{tenantId}/groups").RequireTenantAdmin().WithTags("Groups");
        groups.MapGet("/", GetAsync);
        groups.MapPost("/", CreateAsync).ProducesChangeProblems();
        groups.MapPut("/{name}", ReplaceAsync).ProducesChangeProblems();
        groups.MapDelete("/{name}", DeleteAsync).ProducesChangeProblems();
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<DirectoryGroup>>> GetAsync(TenantId tenantId, GovernanceAdmin admin) =>
        TypedResults.Ok(await admin.GetGroupsAsync(tenantId));

    private static async Task<Created<PolicyChangeResponse<DirectoryGroup>>> CreateAsync(TenantId tenantId, GroupRequest request, GovernanceAdmin admin, HttpContext http)
    {
        var created = await admin.CreateGroupAsync(AdminActor.Of(http), tenantId, new DirectoryGroup(request.Name ?? "", request.Members ?? []));
        return TypedResults.Created($"/admin/v1/tenants/{tenantId}/groups/{created.Resource.Name}", created);
    }

    private static async Task<Ok<PolicyChangeResponse<DirectoryGroup>>> ReplaceAsync(TenantId tenantId, string name, GroupRequest request, GovernanceAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.ReplaceGroupAsync(AdminActor.Of(http), tenantId, new DirectoryGroup(name, request.Members ?? [])));

    private static async Task<Ok<PolicyChangeResponse<DirectoryGroup>>> DeleteAsync(TenantId tenantId, string name, GovernanceAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.DeleteGroupAsync(AdminActor.Of(http), tenantId, name));
}
