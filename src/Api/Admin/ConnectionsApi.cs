using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Connections;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>Users' Atlassian connections: <c>/admin/v1/tenants/{tenantId}/users/{userId}/connection</c>. Never shows tokens.</summary>
public static class ConnectionsApi
{
    public static IEndpointRouteBuilder MapConnectionsApi(this IEndpointRouteBuilder routes)
    {
        var connection = routes.MapGroup("/admin/v1/tenants/{tenantId}/users/{userId}").RequireTenantAdmin().WithTags("Connections");
        connection.MapGet("/connection", GetAsync);
        connection.MapDelete("/connection", DisconnectAsync);
        connection.MapPost("/connect-link", ConnectLinkAsync).ProducesChangeProblems();

        // The tenant's shared OAuth connection (credential mode SharedOAuth): made once by an admin, used for everyone.
        var shared = routes.MapGroup("/admin/v1/tenants/{tenantId}/integration/shared-connection").RequireTenantAdmin().WithTags("Connections");
        shared.MapGet("/", GetSharedAsync);
        shared.MapDelete("/", DisconnectSharedAsync);
        shared.MapPost("/connect-link", SharedConnectLinkAsync).ProducesChangeProblems();
        return routes;
    }

    private static async Task<Ok<ConnectionView>> GetAsync(TenantId tenantId, UserId userId, ConnectionAdmin admin) =>
        TypedResults.Ok(await admin.GetAsync(tenantId, userId));

    private static async Task<NoContent> DisconnectAsync(TenantId tenantId, UserId userId, ConnectionAdmin admin, HttpContext http)
    {
        await admin.DisconnectAsync(AdminActor.Of(http), tenantId, userId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ConnectLinkResponse>> ConnectLinkAsync(TenantId tenantId, UserId userId, ConnectionAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.CreateConnectLinkAsync(AdminActor.Of(http), tenantId, userId));

    private static Task<Ok<ConnectionView>> GetSharedAsync(TenantId tenantId, ConnectionAdmin admin) =>
        GetAsync(tenantId, UserId.SharedConnection, admin);

    private static Task<NoContent> DisconnectSharedAsync(TenantId tenantId, ConnectionAdmin admin, HttpContext http) =>
        DisconnectAsync(tenantId, UserId.SharedConnection, admin, http);

    private static Task<Ok<ConnectLinkResponse>> SharedConnectLinkAsync(TenantId tenantId, ConnectionAdmin admin, HttpContext http) =>
        ConnectLinkAsync(tenantId, UserId.SharedConnection, admin, http);
}
