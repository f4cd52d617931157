using Platform.Grains;

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
        return routes;
    }
}
