using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// A user's API keys: <c>/admin/v1/tenants/{tenantId}/users/{userId}/api-keys</c>. Listed by prefix; the token appears
/// only in the answer to issuing it, never in the audit or the logs.
/// </summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/admin/v1/tenants/{tenantId}/users/{userId}/api-keys").RequireTenantAdmin().WithTags("API keys");
        keys.MapGet("/", GetAsync);
        keys.MapPost("/", IssueAsync).ProducesChangeProblems();
        keys.MapDelete("/{keyId}", RevokeAsync).ProducesChangeProblems();
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyResponse>>> GetAsync(TenantId tenantId, UserId userId, DirectoryAdmin admin) =>
        TypedResults.Ok(await admin.GetApiKeysAsync(tenantId, userId));

    private static async Task<Created<IssuedApiKeyResponse>> IssueAsync(TenantId tenantId, UserId userId, ApiKeyRequest request, DirectoryAdmin admin, HttpContext http)
    {
        var issued = await admin.IssueApiKeyAsync(AdminActor.Of(http), tenantId, userId, request);
        return TypedResults.Created($"/admin/v1/tenants/{tenantId}/users/{userId}/api-keys/{issued.Key.KeyId}", issued);
    }

    private static async Task<Ok<ApiKeyResponse>> RevokeAsync(TenantId tenantId, UserId userId, string keyId, DirectoryAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.RevokeApiKeyAsync(AdminActor.Of(http), tenantId, userId, keyId));
}
