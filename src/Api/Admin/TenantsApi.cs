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
            return InvalidTenantId(request.Id);
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

    private static async Task<IResult> GetAsync(string tenantId, IGrainFactory grains)
    {
        if (!TenantId.TryParse(tenantId, out var id))
        {
            return InvalidTenantId(tenantId);
        }

        var tenant = await grains.GetTenantGrain(id).GetAsync();
        return tenant is null
            ? Results.Problem(title: $"Tenant '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(TenantResponse.From(tenant));
    }

    private static IResult InvalidTenantId(string? value) =>
        Results.ValidationProblem(new Dictionary<string, string[]>
        {
            ["id"] = [$"'{value}' is not a tenant id: use 2 to 63 lowercase letters, digits or inner hyphens."],
        });
}
