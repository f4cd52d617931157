using Platform.Grains;
using Platform.Grains.RateLimits;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's rate limits: <c>/admin/v1/tenants/{tenantId}/rate-limits</c>. Tenant admins set the limits within the
/// ceilings; only the operator sets the ceilings (<c>…/rate-limits/ceilings</c>).
/// </summary>
public static class RateLimitsApi
{
    public static IEndpointRouteBuilder MapRateLimitsApi(this IEndpointRouteBuilder routes)
    {
        var limits = routes.MapGroup("/admin/v1/tenants/{tenantId}/rate-limits").RequireTenantAdmin().WithTags("Rate limits");
        limits.MapGet("/", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(await grains.GetTenantRateLimitGrain(id).GetSettingsAsync())))
            .Produces<RateLimitConfiguration>().ProducesProblem(StatusCodes.Status404NotFound);
        limits.MapPut("/", (string tenantId, RateLimitSettings settings, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var grain = grains.GetTenantRateLimitGrain(id);
                var before = await grain.GetSettingsAsync();
                var after = await grain.SetSettingsAsync(settings);
                await http.RecordAsync(id.Value, "rate-limits.set", id.Value, before.Settings, after.Settings);
                return Results.Ok(after);
            }))
            .Produces<RateLimitConfiguration>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        var ceilings = routes.MapGroup("/admin/v1/tenants/{tenantId}/rate-limits/ceilings").RequireOperator().WithTags("Rate limits");
        ceilings.MapPut("/", (string tenantId, RateLimitCeilings ceilings, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, async id =>
            {
                var grain = grains.GetTenantRateLimitGrain(id);
                var before = await grain.GetSettingsAsync();
                var after = await grain.SetCeilingsAsync(ceilings);
                await http.RecordAsync(id.Value, "rate-limits.ceilings", id.Value, before.Ceilings, after.Ceilings);
                return Results.Ok(after);
            }))
            .Produces<RateLimitConfiguration>().ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }
}
