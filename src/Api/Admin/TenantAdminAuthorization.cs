using Platform.Api.Security;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;
using Platform.Grains.Tenants;

namespace Platform.Api.Admin;

/// <summary>
/// Guards a tenant's routes (<c>{tenantId}</c> in the route): the operator key, or an API key issued with the admin
/// scope to an enabled admin of that very tenant. A key is looked up under the route's tenant only, so another
/// tenant's key matches nothing; an admin's MCP-only key administers nothing.
/// </summary>
internal static class TenantAdminAuthorization
{
    /// <summary>Guards the group and declares the refusals it answers: 401 without a fitting key, 404 for a tenant that does not exist.</summary>
    public static RouteGroupBuilder RequireTenantAdmin(this RouteGroupBuilder group) =>
        group.ProducesAdminProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            // The route binds {tenantId} as a TenantId, so a malformed one never gets this far.
            var tenant = TenantId.Parse(http.GetRouteValue("tenantId") as string);

            var presented = OperatorAuthentication.PresentedBearer(http);
            var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
            var isOperator = OperatorAuthentication.IsOperator(http, presented);
            // A tenant that does not exist is refused as a wrong key is, before any grain of it is touched.
            var exists = isOperator || await http.RequestServices.GetRequiredService<KnownTenants>().ExistsAsync(tenant);
            var actor = isOperator ? AdminActor.Operator : exists ? await TenantAdminAsync(grains, tenant, presented) : null;
            if (actor is null)
            {
                if (presented.Length > 0)
                {
                    await http.RequestServices.GetRequiredService<RefusedAdminAuthentications>().RecordAsync(http, exists ? tenant : null);
                }

                return OperatorAuthentication.Unauthorized(http, $"An operator key or an admin-scoped API key of an admin of tenant '{tenant}' is required.");
            }

            if (await grains.GetTenantGrain(tenant).GetAsync() is not { Status: not TenantStatus.Deleted })
            {
                throw new NotFoundException($"Tenant '{tenant}' does not exist.");
            }

            AdminActor.Set(http, actor);
            return await next(context);
        });

    private static async Task<AdminActor?> TenantAdminAsync(IGrainFactory grains, TenantId tenant, string presented)
    {
        if (!ApiKeyToken.TryParse(presented, out var keyId)
            || await grains.GetApiKeyVerifierGrain(tenant).VerifyAsync(keyId, ApiKeyToken.Hash(presented)) is not { } key
            || !key.Opens(ApiKeyScopes.Admin))
        {
            return null;
        }

        return await grains.GetTenantGovernanceGrain(tenant).GetUserAsync(key.User) is { Enabled: true, Role: DirectoryRole.Admin }
            ? new AdminActor(AdminActor.TenantAdminRole, tenant.Value, key.User.Value, ApiKeyToken.PrefixOf(keyId)) { CredentialIssuer = key.IssuerOtherThanOwner }
            : null;
    }
}
