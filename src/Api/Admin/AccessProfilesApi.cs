using Platform.Grains;
using Platform.Grains.Governance;

namespace Platform.Api.Admin;

/// <summary>Access profiles: <c>/admin/v1/tenants/{tenantId}/access-profiles</c>, binding toolsets to users and groups.</summary>
public static class AccessProfilesApi
{
    public static IEndpointRouteBuilder MapAccessProfilesApi(this IEndpointRouteBuilder routes)
    {
        var profiles = routes.MapGroup("/admin/v1/tenants/{tenantId}/access-profiles").RequireTenantAdmin().WithTags("Access profiles");
        profiles.MapGet("/", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(await grains.GetTenantGovernanceGrain(id).GetAccessProfilesAsync())))
            .Produces<IReadOnlyList<AccessProfile>>().ProducesProblem(StatusCodes.Status404NotFound);
        profiles.MapPost("/", (string tenantId, AccessProfileRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var created = await grains.GetTenantGovernanceGrain(id).CreateAccessProfileAsync(ToProfile(request.Name, request));
                await http.RecordAsync(id.Value, "access-profile.create", created.Name, null, created);
                return Results.Created($"/admin/v1/tenants/{id}/access-profiles/{created.Name}", created);
            }))
            .Produces<AccessProfile>(StatusCodes.Status201Created).ProducesGovernanceProblems();
        profiles.MapPut("/{name}", (string tenantId, string name, AccessProfileRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var governance = grains.GetTenantGovernanceGrain(id);
                var before = (await governance.GetAccessProfilesAsync()).FirstOrDefault(p => p.Name == name);
                var after = await governance.ReplaceAccessProfileAsync(ToProfile(name, request));
                await http.RecordAsync(id.Value, "access-profile.replace", name, before, after);
                return Results.Ok(after);
            }))
            .Produces<AccessProfile>().ProducesGovernanceProblems();
        profiles.MapDelete("/{name}", (string tenantId, string name, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var governance = grains.GetTenantGovernanceGrain(id);
                var before = (await governance.GetAccessProfilesAsync()).FirstOrDefault(p => p.Name == name);
                await governance.DeleteAccessProfileAsync(name);
                await http.RecordAsync(id.Value, "access-profile.delete", name, before, null);
                return Results.NoContent();
            }))
            .Produces(StatusCodes.Status204NoContent).ProducesGovernanceProblems();
        return routes;
    }

    private static AccessProfile ToProfile(string? name, AccessProfileRequest request) =>
        new(name ?? "", request.Toolsets ?? [], request.Users ?? [], request.Groups ?? []);
}
