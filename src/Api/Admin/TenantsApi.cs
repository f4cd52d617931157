using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.Tenants;

namespace Platform.Api.Admin;

/// <summary>Operator routes for tenants: <c>/admin/v1/tenants</c>.</summary>
public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder routes)
    {
        var tenants = routes.MapGroup("/admin/v1/tenants").RequireOperator();
        tenants.MapPost("/", CreateAsync);
        tenants.MapGet("/{tenantId}", GetAsync);
        return routes;
    }

    private static async Task<IResult> CreateAsync(CreateTenantRequest request, IGrainFactory grains)
    {
        if (!TenantId.TryParse(request.Id, out var id))
        {
            return AdminResults.Invalid("id", $"'{request.Id}' is not a tenant id: use 2 to 63 lowercase letters, digits or inner hyphens.");
        }

        try
        {
            var tenant = await grains.GetTenantGrain(id).CreateAsync(request.DisplayName ?? "");
            return Results.Created($"/admin/v1/tenants/{id}", TenantResponse.From(tenant));
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

    private static Task<IResult> GetAsync(string tenantId, IGrainFactory grains) =>
        AdminResults.RunAsync(tenantId, async id => await grains.GetTenantGrain(id).GetAsync() is { } tenant
            ? Results.Ok(TenantResponse.From(tenant))
            : AdminResults.NotFound($"Tenant '{id}' does not exist."));
}
