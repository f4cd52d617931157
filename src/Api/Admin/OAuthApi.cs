using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's authorization server: <c>/admin/v1/tenants/{tenantId}/oauth</c> (client policy, registered clients, how
/// people sign in) and each user's authorized clients, <c>/admin/v1/tenants/{tenantId}/users/{userId}/authorized-clients</c>.
/// </summary>
public static class OAuthApi
{
    public static IEndpointRouteBuilder MapOAuthAdminApi(this IEndpointRouteBuilder routes)
    {
        var oauth = routes.MapGroup("/admin/v1/tenants/{tenantId}/oauth").RequireTenantAdmin().WithTags("OAuth");
        oauth.MapGet("/client-policy", GetPolicyAsync);
        oauth.MapPut("/client-policy", SetPolicyAsync).ProducesChangeProblems();
        oauth.MapGet("/clients", GetClientsAsync);
        oauth.MapPost("/clients", RegisterClientAsync).ProducesChangeProblems();
        // A client id may be a URL (a metadata document client): sent percent-encoded, and '/' stays encoded in a route value.
        oauth.MapDelete("/clients/{clientId}", DeleteClientAsync).ProducesChangeProblems();
        oauth.MapGet("/sign-in", GetSignInAsync);
        oauth.MapPut("/sign-in", SetSignInAsync).ProducesChangeProblems();
        oauth.MapPut("/sign-in/oidc-client-secret", SetOidcSecretAsync).ProducesChangeProblems();

        var authorized = routes.MapGroup("/admin/v1/tenants/{tenantId}/users/{userId}/authorized-clients").RequireTenantAdmin().WithTags("OAuth");
        authorized.MapGet("/", GetAuthorizedAsync);
        authorized.MapDelete("/{clientId}", RevokeAsync).ProducesChangeProblems();
        return routes;
    }

    private static async Task<Ok<OAuthClientPolicyBody>> GetPolicyAsync(TenantId tenantId, OAuthAdmin admin) =>
        TypedResults.Ok(await admin.GetPolicyAsync(tenantId));

    private static async Task<Ok<OAuthClientPolicyBody>> SetPolicyAsync(TenantId tenantId, OAuthClientPolicyBody request, OAuthAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetPolicyAsync(AdminActor.Of(http), tenantId, request));

    private static async Task<Ok<IReadOnlyList<OAuthClientResponse>>> GetClientsAsync(TenantId tenantId, OAuthAdmin admin) =>
        TypedResults.Ok(await admin.GetClientsAsync(tenantId));

    private static async Task<Created<OAuthClientResponse>> RegisterClientAsync(TenantId tenantId, OAuthClientRequest request, OAuthAdmin admin, HttpContext http)
    {
        var created = await admin.RegisterClientAsync(AdminActor.Of(http), tenantId, request);
        return TypedResults.Created($"/admin/v1/tenants/{tenantId}/oauth/clients/{Uri.EscapeDataString(created.ClientId)}", created);
    }

    private static async Task<NoContent> DeleteClientAsync(TenantId tenantId, string clientId, OAuthAdmin admin, HttpContext http)
    {
        await admin.DeleteClientAsync(AdminActor.Of(http), tenantId, Uri.UnescapeDataString(clientId));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SignInSettingsResponse>> GetSignInAsync(TenantId tenantId, OAuthAdmin admin) =>
        TypedResults.Ok(await admin.GetSignInAsync(tenantId));

    private static async Task<Ok<SignInSettingsResponse>> SetSignInAsync(TenantId tenantId, SignInSettingsBody request, OAuthAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetSignInAsync(AdminActor.Of(http), tenantId, request));

    /// <summary>The audit sees fingerprints before and after, never the secret.</summary>
    private static async Task<Ok<SignInSettingsResponse>> SetOidcSecretAsync(TenantId tenantId, SecretRequest request, OAuthAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.SetOidcClientSecretAsync(AdminActor.Of(http), tenantId, request.Value ?? ""));

    private static async Task<Ok<IReadOnlyList<AuthorizedClientResponse>>> GetAuthorizedAsync(TenantId tenantId, UserId userId, OAuthAdmin admin) =>
        TypedResults.Ok(await admin.GetAuthorizedClientsAsync(tenantId, userId));

    private static async Task<NoContent> RevokeAsync(TenantId tenantId, UserId userId, string clientId, OAuthAdmin admin, HttpContext http)
    {
        await admin.RevokeAuthorizedClientAsync(AdminActor.Of(http), tenantId, userId, Uri.UnescapeDataString(clientId));
        return TypedResults.NoContent();
    }
}
