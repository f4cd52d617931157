using Platform.Grains;
using Platform.Grains.Governance;
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
        users.MapGet("/", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id =>
                Results.Ok((await grains.GetTenantGovernanceGrain(id).GetUsersAsync()).Select(UserResponse.From).ToList())))
            .Produces<IReadOnlyList<UserResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/", CreateAsync).Produces<UserResponse>(StatusCodes.Status201Created).ProducesGovernanceProblems();
        users.MapGet("/{userId}", (string tenantId, string userId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
                await grains.GetTenantGovernanceGrain(tenant).GetUserAsync(user) is { } found
                    ? Results.Ok(UserResponse.From(found))
                    : AdminResults.NotFound($"There is no user '{user}'.")))
            .Produces<UserResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{userId}", (string tenantId, string userId, UserRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, userId, (tenant, user) =>
                ChangeAsync(grains, http, tenant, user, "user.replace", _ => ToUser(user, request))))
            .Produces<UserResponse>().ProducesGovernanceProblems();
        users.MapPost("/{userId}/disable", (string tenantId, string userId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, userId, (tenant, user) =>
                ChangeAsync(grains, http, tenant, user, "user.disable", current => current with { Enabled = false })))
            .Produces<UserResponse>().ProducesGovernanceProblems();
        users.MapPost("/{userId}/enable", (string tenantId, string userId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, userId, (tenant, user) =>
                ChangeAsync(grains, http, tenant, user, "user.enable", current => current with { Enabled = true })))
            .Produces<UserResponse>().ProducesGovernanceProblems();
        users.MapDelete("/{userId}", (string tenantId, string userId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
            {
                var governance = grains.GetTenantGovernanceGrain(tenant);
                var before = await governance.GetUserAsync(user);
                await governance.DeleteUserAsync(user);
                await http.RecordAsync(tenant.Value, "user.delete", user.Value, before is null ? null : UserResponse.From(before), null);
                return Results.NoContent();
            }))
            .Produces(StatusCodes.Status204NoContent).ProducesGovernanceProblems();
        return routes;
    }

    private static Task<IResult> CreateAsync(string tenantId, UserRequest request, IGrainFactory grains, HttpContext http) =>
        AdminResults.RunAsync(tenantId, async tenant =>
        {
            if (!UserId.TryParse(request.Id, out var user))
            {
                return AdminResults.Invalid("id", $"'{request.Id}' is not a user id: 1 to 128 letters, digits, '.', '_', '@' or '-'.");
            }

            var created = UserResponse.From(await grains.GetTenantGovernanceGrain(tenant).CreateUserAsync(ToUser(user, request)));
            await http.RecordAsync(tenant.Value, "user.create", user.Value, null, created);
            return Results.Created($"/admin/v1/tenants/{tenant}/users/{user}", created);
        });

    private static async Task<IResult> ChangeAsync(
        IGrainFactory grains, HttpContext http, TenantId tenant, UserId user, string action, Func<DirectoryUser, DirectoryUser> change)
    {
        var governance = grains.GetTenantGovernanceGrain(tenant);
        var before = await governance.GetUserAsync(user) ?? throw new KeyNotFoundException($"There is no user '{user}'.");
        var after = UserResponse.From(await governance.ReplaceUserAsync(change(before)));
        await http.RecordAsync(tenant.Value, action, user.Value, UserResponse.From(before), after);
        return Results.Ok(after);
    }

    private static DirectoryUser ToUser(UserId user, UserRequest request) =>
        new(user, request.ExternalId, request.Email, request.Enabled ?? true, request.Role ?? DirectoryRole.Member);
}
