using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's identity rules: <c>/admin/v1/tenants/{tenantId}/security</c>. Whether an Atlassian account can be bound
/// to a user the directory cannot match, and whether users must issue their own API keys.
/// </summary>
public static class SecurityApi
{
    public static IEndpointRouteBuilder MapSecurityApi(this IEndpointRouteBuilder routes)
    {
        var security = routes.MapGroup("/admin/v1/tenants/{tenantId}/security").RequireTenantAdmin().WithTags("Security");
        security.MapGet("/", GetAsync);
        security.MapPut("/", SetAsync);
        return routes;
    }

    private static async Task<Ok<TenantSecuritySettings>> GetAsync(TenantId tenantId, DirectoryAdmin admin) =>
        TypedResults.Ok(await admin.GetSecuritySettingsAsync(tenantId));

    private static async Task<Ok<TenantSecuritySettings>> SetAsync(TenantId tenantId, SecuritySettingsRequest request, DirectoryAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetSecuritySettingsAsync(AdminActor.Of(http), tenantId, request));
}
