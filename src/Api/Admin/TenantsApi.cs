using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// Tenants: <c>/admin/v1/tenants</c>. Creating, activating, suspending, resuming and deleting are the operator's;
/// a tenant's admins may read their own tenant.
/// </summary>
public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder routes)
    {
        var tenants = routes.MapGroup("/admin/v1/tenants").RequireOperator().WithTags("Tenants");
        tenants.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        tenants.MapPost("/{tenantId}/activate", ActivateAsync).ProducesChangeProblems();
        tenants.MapPost("/{tenantId}/suspend", SuspendAsync).ProducesChangeProblems();
        tenants.MapPost("/{tenantId}/resume", ResumeAsync).ProducesChangeProblems();
        tenants.MapDelete("/{tenantId}", DeleteAsync).ProducesChangeProblems();

        var tenant = routes.MapGroup("/admin/v1/tenants/{tenantId}").RequireTenantAdmin().WithTags("Tenants");
        tenant.MapGet("/", GetAsync);
        return routes;
    }

    private static async Task<Created<TenantResponse>> CreateAsync(CreateTenantRequest request, TenantAdmin admin, HttpContext http)
    {
        var created = await admin.CreateAsync(AdminActor.Of(http), request);
        return TypedResults.Created($"/admin/v1/tenants/{created.Id}", created);
    }

    private static async Task<Ok<TenantResponse>> GetAsync(TenantId tenantId, TenantAdmin admin) =>
        TypedResults.Ok(await admin.GetAsync(tenantId));

    private static async Task<Ok<PolicyChangeResponse<TenantResponse>>> ActivateAsync(TenantId tenantId, TenantAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.ActivateAsync(AdminActor.Of(http), tenantId));

    private static async Task<Ok<PolicyChangeResponse<TenantResponse>>> SuspendAsync(TenantId tenantId, TenantAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SuspendAsync(AdminActor.Of(http), tenantId));

    private static async Task<Ok<PolicyChangeResponse<TenantResponse>>> ResumeAsync(TenantId tenantId, TenantAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.ResumeAsync(AdminActor.Of(http), tenantId));

    private static async Task<Ok<PolicyChangeResponse<TenantResponse>>> DeleteAsync(TenantId tenantId, TenantAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.DeleteAsync(AdminActor.Of(http), tenantId));
}
