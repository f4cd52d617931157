using Platform.Grains;
using Platform.Grains.Governance;

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
        tenant.MapGet("/tools", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(await grains.GetTenantGovernanceGrain(id).GetCatalogAsync())))
            .Produces<IReadOnlyList<CatalogTool>>().ProducesProblem(StatusCodes.Status404NotFound);
        tenant.MapPost("/tools/discover", (string tenantId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var governance = grains.GetTenantGovernanceGrain(id);
                var before = await governance.GetCatalogAsync();
                var after = await governance.DiscoverToolsAsync();
                await http.RecordAsync(id.Value, "tools.discover", id.Value, before, after);
                return Results.Ok(after);
            }))
            .Produces<IReadOnlyList<CatalogTool>>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tenant.MapPost("/tools/{tool}/approve", (string tenantId, string tool, IGrainFactory grains, HttpContext http) =>
            DecideAsync(tenantId, tool, ToolApproval.Approved, grains, http)).ProducesDecision();
        tenant.MapPost("/tools/{tool}/reject", (string tenantId, string tool, IGrainFactory grains, HttpContext http) =>
            DecideAsync(tenantId, tool, ToolApproval.Rejected, grains, http)).ProducesDecision();
        tenant.MapPost("/tools/{tool}/disable", (string tenantId, string tool, IGrainFactory grains, HttpContext http) =>
            DecideAsync(tenantId, tool, ToolApproval.Disabled, grains, http)).ProducesDecision();

        tenant.MapGet("/tool-classification", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id =>
                Results.Ok(new ClassificationResponse(await grains.GetTenantGovernanceGrain(id).GetDefaultClassificationAsync()))))
            .Produces<ClassificationResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        tenant.MapPut("/tool-classification", (string tenantId, ClassificationRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                if (request.Classification is not { } classification)
                {
                    return AdminResults.Invalid("classification", "Use RequireApprovalForEveryTool, AutoApproveReadOnly or AutoApproveAll.");
                }

                var governance = grains.GetTenantGovernanceGrain(id);
                var before = new ClassificationResponse(await governance.GetDefaultClassificationAsync());
                var after = new ClassificationResponse(await governance.SetDefaultClassificationAsync(classification));
                await http.RecordAsync(id.Value, "tools.classification", id.Value, before, after);
                return Results.Ok(after);
            }))
            .Produces<ClassificationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static RouteHandlerBuilder ProducesDecision(this RouteHandlerBuilder route) =>
        route.Produces<CatalogTool>().ProducesProblem(StatusCodes.Status404NotFound);

    private static Task<IResult> DecideAsync(string tenantId, string tool, ToolApproval decision, IGrainFactory grains, HttpContext http) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            var governance = grains.GetTenantGovernanceGrain(id);
            var before = (await governance.GetCatalogAsync()).FirstOrDefault(t => t.Name == tool);
            var after = await governance.DecideToolAsync(tool, decision);
            await http.RecordAsync(id.Value, $"tool.{decision.ToString().ToLowerInvariant()}", tool, before, after);
            return Results.Ok(after);
        });
}
