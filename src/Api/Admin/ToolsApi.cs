using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's tool catalog and approvals: <c>/admin/v1/tenants/{tenantId}/tools</c>. Approving covers the tool's current
/// definition only; disabling is the tenant-wide kill switch for one tool.
/// </summary>
public static class ToolsApi
{
    public static IEndpointRouteBuilder MapToolsApi(this IEndpointRouteBuilder routes)
    {
        var tenant = routes.MapGroup("/admin/v1/tenants/{tenantId}").RequireTenantAdmin().WithTags("Tools");
        tenant.MapGet("/tools", GetCatalogAsync);
        tenant.MapPost("/tools/discover", DiscoverAsync).ProducesProblem(StatusCodes.Status409Conflict);
        tenant.MapPost("/tools/{tool}/approve", ApproveAsync).ProducesChangeProblems();
        tenant.MapPost("/tools/{tool}/reject", RejectAsync).ProducesChangeProblems();
        tenant.MapPost("/tools/{tool}/disable", DisableAsync).ProducesChangeProblems();
        tenant.MapGet("/tool-classification", GetClassificationAsync);
        tenant.MapPut("/tool-classification", SetClassificationAsync);
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<CatalogTool>>> GetCatalogAsync(TenantId tenantId, GovernanceAdmin admin) =>
        TypedResults.Ok(await admin.GetCatalogAsync(tenantId));

    private static async Task<Ok<PolicyChangeResponse<DiscoveredTools>>> DiscoverAsync(TenantId tenantId, GovernanceAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.DiscoverToolsAsync(AdminActor.Of(http), tenantId));

    private static Task<Ok<PolicyChangeResponse<CatalogTool>>> ApproveAsync(TenantId tenantId, string tool, GovernanceAdmin admin, HttpContext http) =>
        DecideAsync(tenantId, tool, ToolApproval.Approved, admin, http);

    private static Task<Ok<PolicyChangeResponse<CatalogTool>>> RejectAsync(TenantId tenantId, string tool, GovernanceAdmin admin, HttpContext http) =>
        DecideAsync(tenantId, tool, ToolApproval.Rejected, admin, http);

    private static Task<Ok<PolicyChangeResponse<CatalogTool>>> DisableAsync(TenantId tenantId, string tool, GovernanceAdmin admin, HttpContext http) =>
        DecideAsync(tenantId, tool, ToolApproval.Disabled, admin, http);

    private static async Task<Ok<PolicyChangeResponse<CatalogTool>>> DecideAsync(TenantId tenantId, string tool, ToolApproval decision, GovernanceAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.DecideToolAsync(AdminActor.Of(http), tenantId, tool, decision));

    private static async Task<Ok<ClassificationResponse>> GetClassificationAsync(TenantId tenantId, GovernanceAdmin admin) =>
        TypedResults.Ok(await admin.GetClassificationAsync(tenantId));

    private static async Task<Ok<PolicyChangeResponse<ClassificationResponse>>> SetClassificationAsync(
        TenantId tenantId, ClassificationRequest request, GovernanceAdmin admin, HttpContext http)
    {
        var classification = request.Classification
            ?? throw new InvalidRequestException(nameof(request.Classification), "Use RequireApprovalForEveryTool, AutoApproveReadOnly or AutoApproveAll.");
        return TypedResults.Ok(await admin.SetClassificationAsync(AdminActor.Of(http), tenantId, classification));
    }
}
