using Platform.Grains;
using Platform.Grains.Governance;

namespace Platform.Api.Admin;

/// <summary>Toolsets: <c>/admin/v1/tenants/{tenantId}/toolsets</c>. The built-in sets are listed but cannot be changed.</summary>
public static class ToolsetsApi
{
    public static IEndpointRouteBuilder MapToolsetsApi(this IEndpointRouteBuilder routes)
    {
        var toolsets = routes.MapGroup("/admin/v1/tenants/{tenantId}/toolsets").RequireTenantAdmin().WithTags("Toolsets");
        toolsets.MapGet("/", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(await grains.GetTenantGovernanceGrain(id).GetToolsetsAsync())))
            .Produces<IReadOnlyList<Toolset>>().ProducesProblem(StatusCodes.Status404NotFound);
        toolsets.MapPost("/", (string tenantId, ToolsetRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var created = await grains.GetTenantGovernanceGrain(id).CreateToolsetAsync(request.Name ?? "", request.Tools ?? []);
                await http.RecordAsync(id.Value, "toolset.create", created.Name, null, created);
                return Results.Created($"/admin/v1/tenants/{id}/toolsets/{created.Name}", created);
            }))
            .Produces<Toolset>(StatusCodes.Status201Created).ProducesGovernanceProblems();
        toolsets.MapPut("/{name}", (string tenantId, string name, ToolsetRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var governance = grains.GetTenantGovernanceGrain(id);
                var before = (await governance.GetToolsetsAsync()).FirstOrDefault(t => t.Name == name);
                var after = await governance.ReplaceToolsetAsync(name, request.Tools ?? []);
                await http.RecordAsync(id.Value, "toolset.replace", name, before, after);
                return Results.Ok(after);
            }))
            .Produces<Toolset>().ProducesGovernanceProblems();
        toolsets.MapDelete("/{name}", (string tenantId, string name, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var governance = grains.GetTenantGovernanceGrain(id);
                var before = (await governance.GetToolsetsAsync()).FirstOrDefault(t => t.Name == name);
                await governance.DeleteToolsetAsync(name);
                await http.RecordAsync(id.Value, "toolset.delete", name, before, null);
                return Results.NoContent();
            }))
            .Produces(StatusCodes.Status204NoContent).ProducesGovernanceProblems();
        return routes;
    }
}
