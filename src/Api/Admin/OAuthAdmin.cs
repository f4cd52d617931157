using System.Security.Cryptography;
using Platform.Api.OAuth;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;
using Platform.Grains.Refusals;
using Platform.Grains.SignIn;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's authorization server as its admins manage it: which clients it accepts, the clients an admin registered,
/// how people sign in, and each user's authorized clients; every change recorded with <see cref="AdminAuditTrail"/>.
/// </summary>
public sealed class OAuthAdmin(IGrainFactory grains, AdminAuditTrail audit, TenantUrls urls, TimeProvider time)
{
    public async Task<OAuthClientPolicyBody> GetPolicyAsync(TenantId tenant) =>
        OAuthClientPolicyBody.From(await grains.GetOAuthClientRegistryGrain(tenant).GetPolicyAsync());

    public async Task<OAuthClientPolicyBody> SetPolicyAsync(AdminActor actor, TenantId tenant, OAuthClientPolicyBody request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registry = grains.GetOAuthClientRegistryGrain(tenant);
        return await ApplyAsync(actor, tenant, "oauth.client-policy.replace", tenant.Value, async () => new Change<OAuthClientPolicyBody>(
            OAuthClientPolicyBody.From(await registry.GetPolicyAsync()), OAuthClientPolicyBody.From(await registry.SetPolicyAsync(request.ToPolicy()))));
    }

    public async Task<IReadOnlyList<OAuthClientResponse>> GetClientsAsync(TenantId tenant) =>
        [.. (await grains.GetOAuthClientRegistryGrain(tenant).ListAsync()).Select(OAuthClientResponse.From)];

    public async Task<OAuthClientResponse> RegisterClientAsync(AdminActor actor, TenantId tenant, OAuthClientRequest request)
    {
        var redirects = request.RedirectUris ?? [];
        if (redirects.Count == 0 || redirects.Any(uri => !DynamicRegistration.IsAcceptableRedirect(uri)))
        {
            throw new InvalidRequestException("redirectUris", "List 1 or more redirect URIs: https, http on a loopback address, or an app's private scheme, without a fragment.");
        }

        var clientId = string.IsNullOrWhiteSpace(request.ClientId) ? $"pre_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}" : request.ClientId.Trim();
        if (ClientMetadataDocuments.IsDocumentUrl(clientId))
        {
            throw new InvalidRequestException("clientId", "A URL client id is a metadata document client; it needs no registration.");
        }

        var client = OAuthClients.Public(clientId, string.IsNullOrWhiteSpace(request.Name) ? clientId : request.Name.Trim(), redirects, ClientRegistration.PreRegistered, time.GetUtcNow());
        return await ApplyAsync(actor, tenant, "oauth.client.create", clientId, async () =>
        {
            await grains.GetOAuthClientRegistryGrain(tenant).RegisterAsync(client);
            return new Change<OAuthClientResponse>(null, OAuthClientResponse.From(client));
        });
    }

    public async Task DeleteClientAsync(AdminActor actor, TenantId tenant, string clientId)
    {
        var registry = grains.GetOAuthClientRegistryGrain(tenant);
        await ApplyAsync(actor, tenant, "oauth.client.delete", clientId, async () =>
        {
            var before = await registry.FindAsync(clientId) ?? throw new NotFoundException($"There is no registered client {Echo.Quote(clientId)}.");
            await registry.DeleteAsync(clientId);
            return new Change<OAuthClientResponse>(OAuthClientResponse.From(before), null);
        });
    }

    public async Task<SignInSettingsResponse> GetSignInAsync(TenantId tenant) =>
        SignInSettingsResponse.From(await grains.GetTenantSignInGrain(tenant).GetSettingsAsync(), urls.OidcCallback(tenant));

    public async Task<SignInSettingsResponse> SetSignInAsync(AdminActor actor, TenantId tenant, SignInSettingsBody request)
    {
        if (!Enum.TryParse<SignInMethod>(request.Method ?? nameof(SignInMethod.Atlassian), ignoreCase: true, out var method))
        {
            throw new InvalidRequestException("method", "Use Atlassian or OpenIdConnect.");
        }

        if (!Enum.TryParse<UserMatching>(request.Matching ?? nameof(UserMatching.Email), ignoreCase: true, out var matching))
        {
            throw new InvalidRequestException("matching", "Use Email or ExternalId.");
        }

        OidcProviderSettings? oidc = null;
        if (method == SignInMethod.OpenIdConnect)
        {
            if (!Uri.TryCreate(request.OidcIssuer, UriKind.Absolute, out var issuer))
            {
                throw new InvalidRequestException("oidcIssuer", "The provider's issuer must be an absolute https URL, for example https://acme.okta.com.");
            }

            oidc = new OidcProviderSettings(issuer, request.OidcClientId ?? "", request.OidcScopes ?? []);
        }

        var signIn = grains.GetTenantSignInGrain(tenant);
        return await ApplyAsync(actor, tenant, "oauth.sign-in.replace", tenant.Value, async () => new Change<SignInSettingsResponse>(
            SignInSettingsResponse.From(await signIn.GetSettingsAsync(), urls.OidcCallback(tenant)),
            SignInSettingsResponse.From(
                await signIn.SetSettingsAsync(new SignInSettings(method, matching, request.ProvisionUsers, request.DefaultGroup, oidc)), urls.OidcCallback(tenant))));
    }

    /// <summary>The audit sees fingerprints before and after, never the secret.</summary>
    public async Task<SignInSettingsResponse> SetOidcClientSecretAsync(AdminActor actor, TenantId tenant, string secret)
    {
        var signIn = grains.GetTenantSignInGrain(tenant);
        return await ApplyAsync(actor, tenant, "oauth.sign-in.oidc-client-secret", tenant.Value, async () => new Change<SignInSettingsResponse>(
            SignInSettingsResponse.From(await signIn.GetSettingsAsync(), urls.OidcCallback(tenant)),
            SignInSettingsResponse.From(await signIn.SetOidcClientSecretAsync(secret), urls.OidcCallback(tenant))));
    }

    public async Task<IReadOnlyList<AuthorizedClientResponse>> GetAuthorizedClientsAsync(TenantId tenant, UserId user) =>
        AuthorizedClientResponse.From(await grains.GetOAuthGrantsGrain(tenant, user).GetAsync());

    public async Task RevokeAuthorizedClientAsync(AdminActor actor, TenantId tenant, UserId user, string clientId)
    {
        var grants = grains.GetOAuthGrantsGrain(tenant, user);
        await ApplyAsync(actor, tenant, "oauth.authorization.revoke", $"{user}:{clientId}", async () =>
        {
            var before = AuthorizedClientResponse.From(await grants.GetAsync()).FirstOrDefault(client => client.ClientId == clientId)
                ?? throw new NotFoundException($"User '{user}' has not authorized client {Echo.Quote(clientId)}.");
            await grants.RevokeAsync(clientId);
            return new Change<AuthorizedClientResponse>(before, null);
        });
    }

    private async Task<T> ApplyAsync<T>(AdminActor actor, TenantId tenant, string action, string target, Func<Task<Change<T>>> change)
        where T : class =>
        (await audit.ApplyAsync(actor, tenant, action, target, change)).After!;
}
