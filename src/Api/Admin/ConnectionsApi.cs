using Platform.Grains;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>Users' Atlassian connections: <c>/admin/v1/tenants/{tenantId}/users/{userId}/connection</c>.</summary>
public static class ConnectionsApi
{
    public static IEndpointRouteBuilder MapConnectionsApi(this IEndpointRouteBuilder routes)
    {
        var connection = routes.MapGroup("/admin/v1/tenants/{tenantId}/users/{userId}").RequireOperator();
        connection.MapGet("/connection", (string tenantId, string userId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
                Results.Ok(await grains.GetUserConnectionGrain(tenant, user).GetConnectionAsync())));
        connection.MapDelete("/connection", (string tenantId, string userId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
            {
                await grains.GetUserConnectionGrain(tenant, user).DisconnectAsync();
                return Results.NoContent();
            }));
        connection.MapPost("/connect-link", (string tenantId, string userId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
                Results.Ok(new { url = (await grains.GetUserConnectionGrain(tenant, user).CreateConnectLinkAsync()).Url })));

        // The tenant's shared OAuth connection (credential mode SharedOAuth): made once by an admin, used for everyone.
        var shared = routes.MapGroup("/admin/v1/tenants/{tenantId}/integration/shared-connection").RequireOperator();
        shared.MapGet("/", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async tenant =>
                Results.Ok(await grains.GetUserConnectionGrain(tenant, UserId.SharedConnection).GetConnectionAsync())));
        shared.MapDelete("/", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async tenant =>
            {
                await grains.GetUserConnectionGrain(tenant, UserId.SharedConnection).DisconnectAsync();
                return Results.NoContent();
            }));
        shared.MapPost("/connect-link", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async tenant =>
                Results.Ok(new { url = (await grains.GetUserConnectionGrain(tenant, UserId.SharedConnection).CreateConnectLinkAsync()).Url })));
        return routes;
    }
}
