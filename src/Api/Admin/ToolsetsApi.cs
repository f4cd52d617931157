using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>Toolsets: <c>/admin/v1/tenants/{tenantId}/toolsets</c>. The built-in sets are listed but cannot be changed.</summary>
public static class ToolsetsApi
{
    public static IEndpointRouteBuilder MapToolsetsApi(this IEndpointRouteBuilder routes)
    {
        var toolsets = routes.MapGroup("/admin/v1/tenants/{tenantId}/toolsets").RequireTenantAdmin().WithTags("Toolsets");
        toolsets.MapGet("/", GetAsync);
        toolsets.MapPost("/", CreateAsync).ProducesChangeProblems();
        toolsets.MapPut("/{name}", ReplaceAsync).ProducesChangeProblems();
        toolsets.MapDelete("/{name}", DeleteAsync).ProducesChangeProblems();
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<Toolset>>> GetAsync(TenantId tenantId, GovernanceAdmin admin) =>
        TypedResults.Ok(await admin.GetToolsetsAsync(tenantId));

    private static async Task<Created<PolicyChangeResponse<Toolset>>> CreateAsync(TenantId tenantId, ToolsetRequest request, GovernanceAdmin admin, HttpContext http)
    {
        var created = await admin.CreateToolsetAsync(AdminActor.Of(http), tenantId, request.Name ?? "", request.Tools ?? []);
        return TypedResults.Created($"/admin/v1/tenants/{tenantId}/toolsets/{created.Resource.Name}", created);
    }

    private static async Task<Ok<PolicyChangeResponse<Toolset>>> ReplaceAsync(TenantId tenantId, string name, ToolsetRequest request, GovernanceAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.ReplaceToolsetAsync(AdminActor.Of(http), tenantId, name, request.Tools ?? []));

    private static async Task<Ok<PolicyChangeResponse<Toolset>>> DeleteAsync(TenantId tenantId, string name, GovernanceAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.DeleteToolsetAsync(AdminActor.Of(http), tenantId, name));
}
