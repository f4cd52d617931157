using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's directory users: <c>/admin/v1/tenants/{tenantId}/users</c>. Disabling a user is the per-user kill switch:
/// in force on every silo when the call returns.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/admin/v1/tenants/{tenantId}/users").RequireTenantAdmin().WithTags("Users");
        users.MapGet("/", GetAllAsync);
        users.MapPost("/", CreateAsync).ProducesChangeProblems();
        users.MapGet("/{userId}", GetAsync);
        users.MapPut("/{userId}", ReplaceAsync).ProducesChangeProblems();
        users.MapPost("/{userId}/disable", DisableAsync).ProducesChangeProblems();
        users.MapPost("/{userId}/enable", EnableAsync).ProducesChangeProblems();
        users.MapDelete("/{userId}", DeleteAsync).ProducesChangeProblems();
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<UserResponse>>> GetAllAsync(TenantId tenantId, DirectoryAdmin admin) =>
        TypedResults.Ok(await admin.GetUsersAsync(tenantId));

    private static async Task<Created<PolicyChangeResponse<UserResponse>>> CreateAsync(TenantId tenantId, UserRequest request, DirectoryAdmin admin, HttpContext http)
    {
        var created = await admin.CreateUserAsync(AdminActor.Of(http), tenantId, request);
        return TypedResults.Created($"/admin/v1/tenants/{tenantId}/users/{created.Resource.Id}", created);
    }

    private static async Task<Ok<UserResponse>> GetAsync(TenantId tenantId, UserId userId, DirectoryAdmin admin) =>
        TypedResults.Ok(await admin.GetUserAsync(tenantId, userId));

    private static async Task<Ok<PolicyChangeResponse<UserResponse>>> ReplaceAsync(TenantId tenantId, UserId userId, UserRequest request, DirectoryAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.ReplaceUserAsync(AdminActor.Of(http), tenantId, userId, request));

    private static async Task<Ok<PolicyChangeResponse<UserResponse>>> DisableAsync(TenantId tenantId, UserId userId, DirectoryAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetUserEnabledAsync(AdminActor.Of(http), tenantId, userId, enabled: false));

    private static async Task<Ok<PolicyChangeResponse<UserResponse>>> EnableAsync(TenantId tenantId, UserId userId, DirectoryAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetUserEnabledAsync(AdminActor.Of(http), tenantId, userId, enabled: true));

    private static async Task<Ok<PolicyChangeResponse<UserResponse>>> DeleteAsync(TenantId tenantId, UserId userId, DirectoryAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.DeleteUserAsync(AdminActor.Of(http), tenantId, userId));
}
