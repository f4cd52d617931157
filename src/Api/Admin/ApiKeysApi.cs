using Platform.Grains;
using Platform.Grains.ApiKeys;

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
        keys.MapGet("/", (string tenantId, string userId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
                Results.Ok((await grains.GetTenantGovernanceGrain(tenant).GetApiKeysAsync(user)).Select(ApiKeyResponse.From).ToList())))
            .Produces<IReadOnlyList<ApiKeyResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPost("/", (string tenantId, string userId, ApiKeyRequest request, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
            {
                var issued = await grains.GetTenantGovernanceGrain(tenant).IssueApiKeyAsync(user, request.Name ?? "", request.ExpiresAt);
                var key = ApiKeyResponse.From(issued.Key);
                await http.RecordAsync(tenant.Value, "api-key.issue", key.Prefix, null, key);
                return Results.Created($"/admin/v1/tenants/{tenant}/users/{user}/api-keys/{key.KeyId}", new IssuedApiKeyResponse(issued.Token, key));
            }))
            .Produces<IssuedApiKeyResponse>(StatusCodes.Status201Created).ProducesGovernanceProblems();
        keys.MapDelete("/{keyId}", (string tenantId, string userId, string keyId, IGrainFactory grains, HttpContext http) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
            {
                if (!ApiKeyToken.IsKeyId(keyId))
                {
                    return AdminResults.Invalid("keyId", "An API key id is 16 lowercase hex digits (the part after 'cfk_' in its prefix).");
                }

                var governance = grains.GetTenantGovernanceGrain(tenant);
                var before = (await governance.GetApiKeysAsync(user)).FirstOrDefault(k => k.KeyId == keyId);
                var after = ApiKeyResponse.From(await governance.RevokeApiKeyAsync(user, keyId));
                await http.RecordAsync(tenant.Value, "api-key.revoke", after.Prefix, before is null ? null : ApiKeyResponse.From(before), after);
                return Results.Ok(after);
            }))
            .Produces<ApiKeyResponse>().ProducesGovernanceProblems();
        return routes;
    }
}
