using Platform.Grains;
using Platform.Grains.Governance;

namespace Platform.Api.Admin;

/// <summary>Groups of a tenant's users: <c>/admin/v1/tenants/{tenantId}/groups</c>.</summary>
public static class GroupsApi
{
    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder routes)
    {
        var groups = routes.MapGroup("/admin/v1/tenants/{tenantId}/groups").RequireTenantAdmin().WithTags("Groups");
        groups.MapGet("/", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(await grains.GetTenantGovernanceGrain(id).GetGroupsAsync())))
            .Produces<IReadOnlyList<DirectoryGroup>>().ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPost("/", (string tenantId, GroupRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var created = await grains.GetTenantGovernanceGrain(id).CreateGroupAsync(new DirectoryGroup(request.Name ?? "", request.Members ?? []));
                await http.RecordAsync(id.Value, "group.create", created.Name, null, created);
                return Results.Created($"/admin/v1/tenants/{id}/groups/{created.Name}", created);
            }))
            .Produces<DirectoryGroup>(StatusCodes.Status201Created).ProducesGovernanceProblems();
        groups.MapPut("/{name}", (string tenantId, string name, GroupRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var governance = grains.GetTenantGovernanceGrain(id);
                var before = (await governance.GetGroupsAsync()).FirstOrDefault(g => g.Name == name);
                var after = await governance.ReplaceGroupAsync(new DirectoryGroup(name, request.Members ?? []));
                await http.RecordAsync(id.Value, "group.replace", name, before, after);
                return Results.Ok(after);
            }))
            .Produces<DirectoryGroup>().ProducesGovernanceProblems();
        groups.MapDelete("/{name}", (string tenantId, string name, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var governance = grains.GetTenantGovernanceGrain(id);
                var before = (await governance.GetGroupsAsync()).FirstOrDefault(g => g.Name == name);
                await governance.DeleteGroupAsync(name);
                await http.RecordAsync(id.Value, "group.delete", name, before, null);
                return Results.NoContent();
            }))
            .Produces(StatusCodes.Status204NoContent).ProducesGovernanceProblems();
        return routes;
    }
}
