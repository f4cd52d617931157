using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>Users' Atlassian connections: <c>/admin/v1/tenants/{tenantId}/users/{userId}/connection</c>. Never shows tokens.</summary>
public static class ConnectionsApi
{
    public static IEndpointRouteBuilder MapConnectionsApi(this IEndpointRouteBuilder routes)
    {
        var connection = routes.MapGroup("/admin/v1/tenants/{tenantId}/users/{userId}").RequireTenantAdmin().WithTags("Connections");
        connection.MapGet("/connection", (string tenantId, string userId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
                Results.Ok(await grains.GetUserConnectionGrain(tenant, user).GetConnectionAsync()))).ProducesConnection();
        connection.MapDelete("/connection", (string tenantId, string userId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, userId, (tenant, user) => DisconnectAsync(grains, http, tenant, user))).ProducesNoContent();
        connection.MapPost("/connect-link", (string tenantId, string userId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, userId, (tenant, user) => ConnectLinkAsync(grains, http, tenant, user))).ProducesConnectLink();

        // The tenant's shared OAuth connection (credential mode SharedOAuth): made once by an admin, used for everyone.
        var shared = routes.MapGroup("/admin/v1/tenants/{tenantId}/integration/shared-connection").RequireTenantAdmin().WithTags("Connections");
        shared.MapGet("/", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async tenant =>
                Results.Ok(await grains.GetUserConnectionGrain(tenant, UserId.SharedConnection).GetConnectionAsync()))).ProducesConnection();
        shared.MapDelete("/", (string tenantId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, tenant => DisconnectAsync(grains, http, tenant, UserId.SharedConnection))).ProducesNoContent();
        shared.MapPost("/connect-link", (string tenantId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, tenant => ConnectLinkAsync(grains, http, tenant, UserId.SharedConnection))).ProducesConnectLink();
        return routes;
    }

    private static RouteHandlerBuilder ProducesConnection(this RouteHandlerBuilder route) =>
        route.Produces<ConnectionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static RouteHandlerBuilder ProducesConnectLink(this RouteHandlerBuilder route) =>
        route.Produces<ConnectLinkResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static RouteHandlerBuilder ProducesNoContent(this RouteHandlerBuilder route) =>
        route.Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> DisconnectAsync(IGrainFactory grains, HttpContext http, TenantId tenant, UserId user)
    {
        var grain = grains.GetUserConnectionGrain(tenant, user);
        var before = await grain.GetConnectionAsync();
        await grain.DisconnectAsync();
        await http.RecordAsync(tenant.Value, "connection.disconnect", user.Value, before, await grain.GetConnectionAsync());
        return Results.NoContent();
    }

    /// <summary>The audit records that a link was made, not the link: it is a one-time credential until spent.</summary>
    private static async Task<IResult> ConnectLinkAsync(IGrainFactory grains, HttpContext http, TenantId tenant, UserId user)
    {
        var link = await grains.GetUserConnectionGrain(tenant, user).CreateConnectLinkAsync();
        await http.RecordAsync(tenant.Value, "connection.connect-link", user.Value, null, null);
        return Results.Ok(new ConnectLinkResponse(link.Url));
    }
}
