using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Identity;
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
        limits.MapGet("/", GetAsync);
        limits.MapPut("/", SetSettingsAsync);

        var ceilings = routes.MapGroup("/admin/v1/tenants/{tenantId}/rate-limits/ceilings").RequireOperator().WithTags("Rate limits");
        ceilings.MapPut("/", SetCeilingsAsync);
        return routes;
    }

    private static async Task<Ok<RateLimitConfiguration>> GetAsync(TenantId tenantId, RateLimitAdmin admin) =>
        TypedResults.Ok(await admin.GetAsync(tenantId));

    private static async Task<Ok<RateLimitConfiguration>> SetSettingsAsync(TenantId tenantId, RateLimitSettings settings, RateLimitAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetSettingsAsync(AdminActor.Of(http), tenantId, settings));

    private static async Task<Ok<RateLimitConfiguration>> SetCeilingsAsync(TenantId tenantId, RateLimitCeilings ceilings, RateLimitAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetCeilingsAsync(AdminActor.Of(http), tenantId, ceilings));
}
