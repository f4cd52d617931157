using System.Security.Cryptography;
using Platform.Api.OAuth;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;
using Platform.Grains.SignIn;

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
        oauth.MapGet("/client-policy", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(OAuthClientPolicyBody.From(await grains.GetOAuthClientRegistryGrain(id).GetPolicyAsync()))))
            .Produces<OAuthClientPolicyBody>().ProducesProblem(StatusCodes.Status404NotFound);
        oauth.MapPut("/client-policy", SetPolicyAsync).Produces<OAuthClientPolicyBody>().ProducesGovernanceProblems();
        oauth.MapGet("/clients", (string tenantId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok((await grains.GetOAuthClientRegistryGrain(id).ListAsync()).Select(OAuthClientResponse.From).ToList())))
            .Produces<IReadOnlyList<OAuthClientResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        oauth.MapPost("/clients", RegisterAsync).Produces<OAuthClientResponse>(StatusCodes.Status201Created).ProducesGovernanceProblems();
        oauth.MapDelete("/clients/{clientId}", DeleteClientAsync).Produces(StatusCodes.Status204NoContent).ProducesGovernanceProblems();
        oauth.MapGet("/sign-in", (string tenantId, IGrainFactory grains, TenantUrls urls) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(SignInSettingsResponse.From(await grains.GetTenantSignInGrain(id).GetSettingsAsync(), urls.OidcCallback(id)))))
            .Produces<SignInSettingsResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        oauth.MapPut("/sign-in", SetSignInAsync).Produces<SignInSettingsResponse>().ProducesGovernanceProblems();
        oauth.MapPut("/sign-in/oidc-client-secret", SetOidcSecretAsync).Produces<SignInSettingsResponse>().ProducesGovernanceProblems();

        var authorized = routes.MapGroup("/admin/v1/tenants/{tenantId}/users/{userId}/authorized-clients").RequireTenantAdmin().WithTags("OAuth");
        authorized.MapGet("/", (string tenantId, string userId, IGrainFactory grains) =>
            AdminResults.RunAsync(tenantId, userId, async (tenant, user) => Results.Ok(AuthorizedClientResponse.From(await grains.GetOAuthGrantsGrain(tenant, user).GetAsync()))))
            .Produces<IReadOnlyList<AuthorizedClientResponse>>().ProducesValidationProblem();
        // A client id may be a URL (a metadata document client): sent percent-encoded, and '/' stays encoded in a route value.
        authorized.MapDelete("/{clientId}", RevokeAsync).Produces(StatusCodes.Status204NoContent).ProducesGovernanceProblems();
        return routes;
    }

    private static Task<IResult> SetPolicyAsync(string tenantId, OAuthClientPolicyBody request, IGrainFactory grains, HttpContext http) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            var registry = grains.GetOAuthClientRegistryGrain(id);
            var before = OAuthClientPolicyBody.From(await registry.GetPolicyAsync());
            var after = OAuthClientPolicyBody.From(await registry.SetPolicyAsync(request.ToPolicy()));
            await http.RecordAsync(id.Value, "oauth.client-policy.replace", id.Value, before, after);
            return Results.Ok(after);
        });

    private static Task<IResult> RegisterAsync(string tenantId, OAuthClientRequest request, IGrainFactory grains, HttpContext http, TimeProvider time) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            var redirects = request.RedirectUris ?? [];
            if (redirects.Count == 0 || redirects.Any(uri => !DynamicRegistration.IsAcceptableRedirect(uri)))
            {
                return AdminResults.Invalid("redirectUris", "List 1 or more redirect URIs: https, http on a loopback address, or an app's private scheme, without a fragment.");
            }

            var clientId = string.IsNullOrWhiteSpace(request.ClientId) ? $"pre_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}" : request.ClientId.Trim();
            if (ClientMetadataDocuments.IsDocumentUrl(clientId))
            {
                return AdminResults.Invalid("clientId", "A URL client id is a metadata document client; it needs no registration.");
            }

            var client = OAuthClients.Public(clientId, string.IsNullOrWhiteSpace(request.Name) ? clientId : request.Name.Trim(), redirects, ClientRegistration.PreRegistered, time.GetUtcNow());
            await grains.GetOAuthClientRegistryGrain(id).RegisterAsync(client);
            var created = OAuthClientResponse.From(client);
            await http.RecordAsync(id.Value, "oauth.client.create", clientId, null, created);
            return Results.Created($"/admin/v1/tenants/{id}/oauth/clients/{Uri.EscapeDataString(clientId)}", created);
        });

    private static Task<IResult> DeleteClientAsync(string tenantId, string clientId, IGrainFactory grains, HttpContext http) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            var registry = grains.GetOAuthClientRegistryGrain(id);
            var before = await registry.FindAsync(clientId) ?? throw new KeyNotFoundException($"There is no registered client '{clientId}'.");
            await registry.DeleteAsync(clientId);
            await http.RecordAsync(id.Value, "oauth.client.delete", clientId, OAuthClientResponse.From(before), null);
            return Results.NoContent();
        });

    private static Task<IResult> SetSignInAsync(string tenantId, SignInSettingsBody request, IGrainFactory grains, HttpContext http, TenantUrls urls) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            if (!Enum.TryParse<SignInMethod>(request.Method ?? nameof(SignInMethod.Atlassian), ignoreCase: true, out var method))
            {
                return AdminResults.Invalid("method", "Use Atlassian or OpenIdConnect.");
            }

            if (!Enum.TryParse<UserMatching>(request.Matching ?? nameof(UserMatching.Email), ignoreCase: true, out var matching))
            {
                return AdminResults.Invalid("matching", "Use Email or ExternalId.");
            }

            OidcProviderSettings? oidc = null;
            if (method == SignInMethod.OpenIdConnect)
            {
                if (!Uri.TryCreate(request.OidcIssuer, UriKind.Absolute, out var issuer))
                {
                    return AdminResults.Invalid("oidcIssuer", "The provider's issuer must be an absolute https URL, for example https://acme.okta.com.");
                }

                oidc = new OidcProviderSettings(issuer, request.OidcClientId ?? "", request.OidcScopes ?? []);
            }

            var signIn = grains.GetTenantSignInGrain(id);
            var before = SignInSettingsResponse.From(await signIn.GetSettingsAsync(), urls.OidcCallback(id));
            var after = SignInSettingsResponse.From(
                await signIn.SetSettingsAsync(new SignInSettings(method, matching, request.ProvisionUsers, request.DefaultGroup, oidc)), urls.OidcCallback(id));
            await http.RecordAsync(id.Value, "oauth.sign-in.replace", id.Value, before, after);
            return Results.Ok(after);
        });

    /// <summary>The audit sees fingerprints before and after, never the secret.</summary>
    private static Task<IResult> SetOidcSecretAsync(string tenantId, SecretRequest request, IGrainFactory grains, HttpContext http, TenantUrls urls) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            var signIn = grains.GetTenantSignInGrain(id);
            var before = SignInSettingsResponse.From(await signIn.GetSettingsAsync(), urls.OidcCallback(id));
            var after = SignInSettingsResponse.From(await signIn.SetOidcClientSecretAsync(request.Value ?? ""), urls.OidcCallback(id));
            await http.RecordAsync(id.Value, "oauth.sign-in.oidc-client-secret", id.Value, before, after);
            return Results.Ok(after);
        });

    private static Task<IResult> RevokeAsync(string tenantId, string userId, string clientId, IGrainFactory grains, HttpContext http) =>
        AdminResults.RunAsync(tenantId, userId, async (tenant, user) =>
        {
            clientId = Uri.UnescapeDataString(clientId);
            var grants = grains.GetOAuthGrantsGrain(tenant, user);
            var before = AuthorizedClientResponse.From(await grants.GetAsync()).FirstOrDefault(c => c.ClientId == clientId)
                ?? throw new KeyNotFoundException($"User '{user}' has not authorized client '{clientId}'.");
            await grants.RevokeAsync(clientId);
            await http.RecordAsync(tenant.Value, "oauth.authorization.revoke", $"{user}:{clientId}", before, null);
            return Results.NoContent();
        });

    internal static async Task<IReadOnlyList<AuthorizedClientResponse>> AuthorizedClientsAsync(IGrainFactory grains, TenantId tenant, UserId user) =>
        AuthorizedClientResponse.From(await grains.GetOAuthGrantsGrain(tenant, user).GetAsync());
}
