using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Atlassian;
using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.Security;
using Platform.Grains.Tenants;
using Platform.Grains.Refusals;

namespace Platform.Grains.SignIn;

public sealed partial class TenantSignInGrain(
    [PersistentState("sign-in", StorageNames.Platform)] IPersistentState<TenantSignInState> state,
    AtlassianOAuthClient atlassian,
    OidcRelyingParty oidc,
    SecretSealer sealer,
    IOptions<PublicEndpointOptions> publicEndpoint,
    TimeProvider time,
    ILogger<TenantSignInGrain> logger) : Grain, ITenantSignInGrain
{
    private const string ReadMe = "read:me";
    private const int MaxSecretLength = 4096;

    private TenantId Tenant => GrainKeys.ParseTenant(this.GetPrimaryKeyString());

    private string SecretContext => SecretContexts.ForTenant(Tenant, "oidc_client_secret");

    private string HandoffContext => SecretContexts.ForTenant(Tenant, "signin_handoff");

    public Task<SignInSettingsView> GetSettingsAsync() => Task.FromResult(View());

    public async Task<SignInSettingsView> SetSettingsAsync(SignInSettings settings)
    {
        await EnsureTenantAsync();
        if (!Enum.IsDefined(settings.Method) || !Enum.IsDefined(settings.Matching))
        {
            throw new InvalidRequestException("method", "Unknown sign-in method or matching rule.");
        }

        OidcProviderSettings? provider = null;
        if (settings.Method == SignInMethod.OpenIdConnect)
        {
            provider = settings.Oidc ?? throw new InvalidRequestException("oidcIssuer", "An OpenID Connect sign-in needs the provider's issuer and client id.");
            if (!provider.Issuer.IsAbsoluteUri || (provider.Issuer.Scheme != Uri.UriSchemeHttps && !provider.Issuer.IsLoopback)
                || string.IsNullOrWhiteSpace(provider.ClientId) || provider.ClientId.Length > 512)
            {
                throw new InvalidRequestException("oidcIssuer", "The provider's issuer must be an https URL and its client id 1 to 512 characters.");
            }

            var scopes = (provider.Scopes ?? []).Append("openid").Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            provider = provider with { ClientId = provider.ClientId.Trim(), Scopes = scopes.Count > 1 ? scopes : ["openid", "email", "profile"] };
        }

        if (settings.ProvisionUsers && settings.DefaultGroup is { } group
            && !(await GrainFactory.GetTenantGovernanceGrain(Tenant).GetGroupsAsync()).Any(g => g.Name == group))
        {
            throw new InvalidRequestException("defaultGroup", $"There is no group {Echo.Quote(group)} to provision users into.");
        }

        state.State.Settings = settings with { Oidc = provider ?? settings.Oidc };
        await WriteAsync();
        return View();
    }

    public async Task<SignInSettingsView> SetOidcClientSecretAsync(string clientSecret)
    {
        await EnsureTenantAsync();
        var secret = clientSecret?.Trim() ?? "";
        if (secret.Length is 0 or > MaxSecretLength)
        {
            throw new InvalidRequestException("value", $"The client secret must be 1 to {MaxSecretLength} characters.");
        }

        state.State.OidcClientSecret = new SealedSecret { Sealed = sealer.Seal(secret, SecretContext), Fingerprint = SecretSealer.Fingerprint(secret), SetAt = time.GetUtcNow() };
        await WriteAsync();
        return View();
    }

    public async Task<Uri> CreateAtlassianSignInUrlAsync(string state)
    {
        var app = await AtlassianAppAsync();
        return atlassian.BuildAuthorizeUrl(app.Settings.ClientId, SignInScopes(app.Settings), publicEndpoint.Value.CallbackUrl, state);
    }

    public async Task<SignInOutcome> CompleteAtlassianSignInAsync(string code)
    {
        var app = await AtlassianAppAsync();
        TokenSet tokens;
        AtlassianAccount account;
        IReadOnlyList<AccessibleResource> sites;
        try
        {
            var credentials = new OAuthClientCredentials(app.Settings.ClientId, sealer.Unseal(app.SealedClientSecret!, SecretContexts.ForTenant(Tenant, "client_secret")), publicEndpoint.Value.CallbackUrl);
            tokens = await atlassian.ExchangeCodeAsync(credentials, code, CancellationToken.None);
            account = await atlassian.GetCurrentAccountAsync(tokens.AccessToken, CancellationToken.None);
            sites = await atlassian.GetAccessibleResourcesAsync(tokens.AccessToken, CancellationToken.None);
        }
        catch (Exception exception) when (exception is AtlassianGrantRejectedException or AtlassianClientRejectedException
            or AtlassianUnavailableException or HttpRequestException or JsonException or UriFormatException)
        {
            LogSignInFailed(logger, Tenant.Value, "atlassian", exception.GetType().Name);
            return SignInOutcome.Refused("Atlassian did not complete the sign-in; try again.");
        }

        // Atlassian's /me reports only verified emails.
        var outcome = await DirectoryUserResolver.ResolveAsync(
            GrainFactory.GetTenantGovernanceGrain(Tenant), state.State.Settings, new ExternalIdentity(account.AccountId, account.Email, account.Email is not null, account.Name));
        if (outcome.User is not { } user || app.Settings.Mode != CredentialMode.PerUserOAuth)
        {
            return outcome;
        }

        // The same consent connects the user's Confluence account: one sign-in in total.
        var handoff = new AtlassianGrantHandoff(
            sealer.Seal(tokens.AccessToken, HandoffContext), tokens.RefreshToken is { } refresh ? sealer.Seal(refresh, HandoffContext) : null,
            tokens.ExpiresAt, tokens.Scopes, account.AccountId, account.Email, [.. sites.Select(site => site.Id)]);
        var connected = await GrainFactory.GetUserConnectionGrain(Tenant, user).CompleteConnectFromGrantAsync(handoff);
        return outcome with { AtlassianConnected = connected.Succeeded, Message = connected.Succeeded ? outcome.Message : $"{outcome.Message} {connected.Message}" };
    }

    public async Task<Uri> CreateOidcSignInUrlAsync(OidcSignInRequest request)
    {
        var provider = OidcProvider();
        try
        {
            return await oidc.BuildAuthorizeUrlAsync(provider, request, CancellationToken.None);
        }
        catch (SignInFailedException exception)
        {
            throw new ConflictException(exception.Message);
        }
    }

    public async Task<SignInOutcome> CompleteOidcSignInAsync(OidcSignInRequest request, string code)
    {
        var provider = OidcProvider();
        var secret = state.State.OidcClientSecret?.Sealed is { } sealedSecret
            ? sealer.Unseal(sealedSecret, SecretContext)
            : throw new ConflictException("This organisation's identity provider has no client secret yet; ask an admin.");
        try
        {
            var identity = await oidc.RedeemAsync(provider, secret, request, code, CancellationToken.None);
            return await DirectoryUserResolver.ResolveAsync(GrainFactory.GetTenantGovernanceGrain(Tenant), state.State.Settings, identity);
        }
        catch (Exception exception) when (exception is SignInFailedException or HttpRequestException or JsonException)
        {
            LogSignInFailed(logger, Tenant.Value, "oidc", exception.GetType().Name);
            return SignInOutcome.Refused(exception is SignInFailedException ? exception.Message : "Your identity provider did not complete the sign-in; try again.");
        }
    }

    /// <summary>
    /// A per-user OAuth tenant asks for everything its integration grants, so signing in also connects Confluence; other
    /// tenants only need to know who the person is.
    /// </summary>
    private static IReadOnlyList<string> SignInScopes(IntegrationSettings settings) =>
        settings.Mode == CredentialMode.PerUserOAuth ? [.. settings.Scopes.Append(ReadMe).Distinct(StringComparer.Ordinal)] : [ReadMe];

    private async Task<OAuthAppRegistration> AtlassianAppAsync()
    {
        if (state.State.Settings.Method != SignInMethod.Atlassian)
        {
            throw new ConflictException("This organisation signs its people in with its own identity provider, not with Atlassian.");
        }

        var app = await GrainFactory.GetTenantGrain(Tenant).GetOAuthAppAsync();
        return app.SealedClientSecret is null
            ? throw new ConflictException("This organisation's Atlassian app has no client secret yet; ask an admin to finish the integration.")
            : app;
    }

    private OidcProviderSettings OidcProvider() =>
        state.State.Settings is { Method: SignInMethod.OpenIdConnect, Oidc: { } provider }
            ? provider
            : throw new ConflictException("This organisation does not sign its people in with an OpenID Connect provider.");

    private async Task EnsureTenantAsync()
    {
        if (await GrainFactory.GetTenantGrain(Tenant).GetAsync() is not { Status: not TenantStatus.Deleted })
        {
            throw new NotFoundException($"Tenant '{Tenant}' does not exist.");
        }
    }

    private SignInSettingsView View() =>
        new(state.State.Settings, state.State.OidcClientSecret?.Fingerprint, state.State.OidcClientSecret?.SetAt);

    /// <summary>Re-seals a secret sealed under an older key, then writes; a failed write drops this activation.</summary>
    private async Task WriteAsync()
    {
        if (state.State.OidcClientSecret is { } secret)
        {
            secret.Sealed = sealer.Reseal(secret.Sealed, SecretContext);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in to {Tenant} through {Method} failed: {Failure}")]
    private static partial void LogSignInFailed(ILogger logger, string tenant, string method, string failure);
}
