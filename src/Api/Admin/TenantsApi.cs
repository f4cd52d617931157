using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.Tenants;

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
        tenants.MapPost("/", CreateAsync).Produces<TenantResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        tenants.MapPost("/{tenantId}/activate", (string tenantId, IGrainFactory grains, HttpContext http) =>
            TransitionAsync(tenantId, grains, http, "tenant.activate", tenant => tenant.ActivateAsync())).ProducesTenant();
        tenants.MapPost("/{tenantId}/suspend", (string tenantId, IGrainFactory grains, HttpContext http) =>
            TransitionAsync(tenantId, grains, http, "tenant.suspend", tenant => tenant.SuspendAsync())).ProducesTenant();
        tenants.MapPost("/{tenantId}/resume", (string tenantId, IGrainFactory grains, HttpContext http) =>
            TransitionAsync(tenantId, grains, http, "tenant.resume", tenant => tenant.ResumeAsync())).ProducesTenant();
        tenants.MapDelete("/{tenantId}", (string tenantId, IGrainFactory grains, HttpContext http) =>
            TransitionAsync(tenantId, grains, http, "tenant.delete", tenant => tenant.DeleteAsync())).ProducesTenant();

        var tenant = routes.MapGroup("/admin/v1/tenants/{tenantId}").RequireTenantAdmin().WithTags("Tenants");
        tenant.MapGet("/", GetAsync).ProducesTenant();
        return routes;
    }

    private static RouteHandlerBuilder ProducesTenant(this RouteHandlerBuilder route) =>
        route.Produces<TenantResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> CreateAsync(CreateTenantRequest request, IGrainFactory grains, HttpContext http)
    {
        if (!TenantId.TryParse(request.Id, out var id))
        {
            return AdminResults.Invalid("id", $"'{request.Id}' is not a tenant id: use 2 to 63 lowercase letters, digits or inner hyphens.");
        }

        try
        {
            var tenant = TenantResponse.From(await grains.GetTenantGrain(id).CreateAsync(request.DisplayName ?? ""));
            await http.RecordAsync(id.Value, "tenant.create", id.Value, null, tenant);
            return Results.Created($"/admin/v1/tenants/{id}", tenant);
        }
        catch (TenantAlreadyExistsException exception)
        {
            return Results.Problem(title: exception.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (ArgumentException exception)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["displayName"] = [exception.Message] });
        }
    }

    private static Task<IResult> TransitionAsync(
        string tenantId, IGrainFactory grains, HttpContext http, string action, Func<ITenantGrain, Task<TenantDetails>> transition) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            var grain = grains.GetTenantGrain(id);
            var before = await grain.GetAsync() is { } found ? TenantResponse.From(found) : null;
            var after = TenantResponse.From(await transition(grain));
            await http.RecordAsync(id.Value, action, id.Value, before, after);
            return Results.Ok(after);
        });

    private static Task<IResult> GetAsync(string tenantId, IGrainFactory grains) =>
        AdminResults.RunAsync(tenantId, async id => await grains.GetTenantGrain(id).GetAsync() is { } tenant
            ? Results.Ok(TenantResponse.From(tenant))
            : AdminResults.NotFound($"Tenant '{id}' does not exist."));
}
