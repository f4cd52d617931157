using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.Atlassian;
using Platform.Confluence.Tools;
using Platform.Grains.Confluence;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;
using Platform.Grains.Security;

namespace Platform.Grains.Connections;

/// <summary>
/// Whose identity a user's calls use and how it is kept: the user's own Atlassian connection (vault and consent), the
/// tenant's shared connection, or its service account, as the tenant's integration says. Owned by the user's grain.
/// </summary>
internal sealed partial class UserCredentials(
    TenantId tenant,
    UserId user,
    TokenVault vault,
    ConsentFlow consent,
    ConnectionAudit audit,
    AtlassianOAuthClient oauth,
    IGrainFactory grains,
    SecretSealer sealer,
    ConfluenceDestinations destinations,
    AtlassianOptions atlassian,
    Uri callbackUrl,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>A service account reaches only the tenant's site, which has no accessible-resources call to ask.</summary>
    public static IReadOnlyList<AccessibleSite>? FixedSites(OAuthAppRegistration app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Settings.Mode == CredentialMode.SharedApiToken
            ? [new AccessibleSite(app.Settings.CloudId, app.Settings.SiteUrl.AbsoluteUri, app.Settings.SiteUrl.Host, [])]
            : null;
    }

    private const string NoClientSecret = "The tenant's Atlassian app has no client secret yet; ask an admin to finish the integration.";
    private static readonly TimeSpan AppCacheLifetime = TimeSpan.FromSeconds(5);
    private (OAuthAppRegistration App, DateTimeOffset FetchedAt)? appCache;
    private SharedAccessToken? sharedToken;

    public TokenVault Vault => vault;

    /// <summary>The tenant's integration, cached for a few seconds: every call needs it.</summary>
    public async Task<OAuthAppRegistration> GetAppAsync() =>
        appCache is { } cached && time.GetUtcNow() - cached.FetchedAt < AppCacheLifetime ? cached.App : await FetchAppAsync();

    public async Task<ConnectLink> CreateConnectLinkAsync()
    {
        var app = await FetchAppAsync();
        var expectedMode = user.IsSharedConnection ? CredentialMode.SharedOAuth : CredentialMode.PerUserOAuth;
        if (app.Settings.Mode != expectedMode)
        {
            throw new ConflictException(user.IsSharedConnection
                ? "This tenant does not use a shared OAuth connection."
                : "This tenant uses shared credentials; users do not connect their own accounts.");
        }

        if (app.SealedClientSecret is null)
        {
            throw new ConflictException(NoClientSecret);
        }

        return await consent.CreateLinkAsync();
    }

    /// <summary>A pending link as its page shows it; null when it cannot be used (or the tenant cannot connect anyone now).</summary>
    public async Task<ConnectLinkDetails?> DescribeConnectLinkAsync(string stateNonce)
    {
        try
        {
            return consent.Describe((await FetchAppAsync()).Settings, stateNonce);
        }
        catch (RequestRefusedException)
        {
            return null;
        }
    }

    public async Task<ConnectOutcome> CompleteConnectAsync(string stateNonce, string code)
    {
        var before = (vault.State.Status, vault.State.AccountId);
        try
        {
            var app = await FetchAppAsync();
            return await RecordConnectOutcomeAsync(before, await consent.CompleteAsync(app.Settings, AppCredentials(app), stateNonce, code));
        }
        catch (RequestRefusedException refused)
        {
            // The tenant was deleted or its integration is incomplete: nothing can be connected.
            return new ConnectOutcome(false, refused.Message);
        }
    }

    /// <summary>A grant signing in with Atlassian already exchanged: its tokens were sealed for the hop to this grain.</summary>
    public async Task<ConnectOutcome> CompleteConnectFromGrantAsync(AtlassianGrantHandoff grant)
    {
        var context = SecretContexts.ForTenant(tenant, "signin_handoff");
        var tokens = new TokenSet(
            sealer.Unseal(grant.SealedAccessToken, context), grant.SealedRefreshToken is { } refresh ? sealer.Unseal(refresh, context) : null,
            grant.ExpiresAt, grant.Scopes);
        var before = (vault.State.Status, vault.State.AccountId);
        var app = await FetchAppAsync();
        return await RecordConnectOutcomeAsync(before,
            await consent.CompleteFromGrantAsync(app.Settings, tokens, grant.AccessibleCloudIds, new AtlassianAccount(grant.AccountId, grant.Email, null)));
    }

    /// <summary>Tells the tenant (its list of connected users) and the audit log, which also records refused connects.</summary>
    private async Task<ConnectOutcome> RecordConnectOutcomeAsync((ConnectionStatus Status, string? AccountId) before, ConnectOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            await audit.ConnectedAsync(before.Status, before.AccountId, vault.State.AccountId);
            await grains.GetTenantGrain(tenant).RecordConnectionAsync(user, connected: true);
        }
        else
        {
            await audit.ConnectRefusedAsync(outcome.Message);
        }

        LogConnectOutcome(logger, tenant.Value, user.Value, outcome.Succeeded, outcome.Message);
        return outcome;
    }

    /// <summary>
    /// The user was deleted: everything of their connection goes, in storage and in this activation. The tenant's list
    /// of connected users is left as it is: a stale entry costs one harmless reconnect notice, while calling the tenant
    /// from here could wait on a tenant change that waits on governance, which waits on this.
    /// </summary>
    public async Task PurgeAsync()
    {
        await vault.WithWriteGateAsync(vault.PurgeAsync);
        sharedToken = null;
        appCache = null;
    }

    public async Task DisconnectAsync()
    {
        await vault.WithWriteGateAsync(() => vault.ClearAsync(ConnectionStatus.Disconnected, "Disconnected."));
        await grains.GetTenantGrain(tenant).RecordConnectionAsync(user, connected: false);
    }

    public Task MarkNeedsReconnectAsync(string reason) =>
        vault.WithWriteGateAsync(() => vault.State.Status == ConnectionStatus.Connected
            ? vault.ClearAsync(ConnectionStatus.NeedsReconnect, reason)
            : Task.CompletedTask);

    /// <summary>
    /// Only on the tenant's shared connection: its token, sealed for the hop to another user grain of the tenant, never
    /// one granted under other settings than the tenant's current ones.
    /// </summary>
    public async Task<SharedAccessToken> ShareAccessTokenAsync()
    {
        var app = await FetchAppAsync();
        await RequireCurrentConsentAsync(app.Settings);
        var token = await UserAccessTokenAsync();
        return new SharedAccessToken(
            sealer.Seal(token, SharedTokenContext), vault.State.AccessTokenExpiresAt, vault.State.CloudId!, vault.State.ConsentedSettings!, app.SharedConnectionEpoch);
    }

    /// <summary>The credentials of this user's next call; throws <see cref="ConnectionRequiredException"/> when there are none.</summary>
    public async Task<ConfluenceCredentials> ForCallAsync(OAuthAppRegistration app)
    {
        var settings = app.Settings;
        await RequireCurrentConsentAsync(settings);

        if (settings.Mode == CredentialMode.SharedApiToken && destinations.SiteProblem(settings.SiteUrl) is { } siteProblem)
        {
            // Stored before the rule existed, or allowed by an operator pattern since removed: the account's credentials stay home.
            throw new ConflictException($"The organisation's Confluence site is not one this gateway reaches. {siteProblem} Ask an admin to set it again.");
        }

        return settings.Mode switch
        {
            CredentialMode.SharedApiToken => new ConfluenceCredentials(WithTrailingSlash(settings.SiteUrl),
                new AuthenticationHeaderValue("Basic", ServiceAccountCredentials(app)), settings.CloudId, CredentialKind.ServiceAccount),
            CredentialMode.SharedOAuth when !user.IsSharedConnection => Bearer(await SharedConnectionTokenAsync(app), CredentialKind.SharedOAuth),
            _ => Bearer((await UserAccessTokenAsync(), vault.State.CloudId!), CredentialKind.UserOAuth),
        };
    }

    /// <summary>
    /// Confluence answered 401, which Atlassian also says for a missing scope: true when the credentials themselves no
    /// longer work. A service account's have no scopes; an OAuth token is tried on accessible-resources, which any valid
    /// token may read.
    /// </summary>
    public async Task<bool> AreRevokedAsync(ConfluenceCredentials used)
    {
        if (used.Kind == CredentialKind.ServiceAccount)
        {
            return true;
        }

        try
        {
            await oauth.GetAccessibleResourcesAsync(used.Authorization.Parameter!, CancellationToken.None);
            return false;
        }
        catch (AtlassianGrantRejectedException)
        {
            return true;
        }
        catch (Exception exception) when (exception is AtlassianUnavailableException or HttpRequestException or JsonException or TaskCanceledException)
        {
            // Not known to be revoked: the call keeps Confluence's own answer.
            return false;
        }
    }

    /// <summary>
    /// Confluence answered 401 to credentials that were valid: the grant was revoked. The connection whose token it was
    /// needs a new consent; a user's own gets a fresh link at once.
    /// </summary>
    public async Task<ConnectionRequiredException?> RevokedAsync(CredentialKind kind, string message)
    {
        const string Reason = "Atlassian refused the connection's token: it was revoked or expired.";
        LogCredentialsRefused(logger, tenant.Value, user.Value, kind);
        switch (kind)
        {
            case CredentialKind.UserOAuth:
                if (vault.State.Status == ConnectionStatus.Connected)
                {
                    await audit.TokenRevokedAsync(Reason, vault.State.AccountId);
                }

                await MarkNeedsReconnectAsync(Reason);
                return await ConnectionRequiredAsync(message);
            case CredentialKind.SharedOAuth:
                sharedToken = null;
                await grains.GetUserConnectionGrain(tenant, UserId.SharedConnection).MarkNeedsReconnectAsync(Reason);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Durable backstop for the tenant's fan-out: a connection consented under other settings never keeps calling.</summary>
    private async Task RequireCurrentConsentAsync(IntegrationSettings settings)
    {
        if (vault.State.Status != ConnectionStatus.Connected)
        {
            return;
        }

        if (!settings.IsConsentFingerprint(vault.State.ConsentedSettings))
        {
            await MarkNeedsReconnectAsync("The tenant changed its Atlassian app, site or scopes; connect again to grant them.");
        }
        else if (vault.State.ConsentedSettings != settings.ConsentFingerprint)
        {
            // Consented before fingerprints were digests: the same consent, kept in its short form from now on.
            vault.State.ConsentedSettings = settings.ConsentFingerprint;
        }
    }

    private ConfluenceCredentials Bearer((string Token, string CloudId) access, CredentialKind kind) =>
        new(new Uri(atlassian.ApiBaseUrl, $"ex/confluence/{Uri.EscapeDataString(access.CloudId)}/"),
            new AuthenticationHeaderValue("Bearer", access.Token), access.CloudId, kind);

    /// <summary>The hot path: the vault's token at once while it is fresh, else after the one shared refresh.</summary>
    private async Task<string> UserAccessTokenAsync() =>
        await vault.GetAccessTokenAsync(async () => AppCredentials(await FetchAppAsync()))
            ?? throw await ConnectionRequiredAsync(vault.State.Status == ConnectionStatus.NeedsReconnect
                ? $"Your Atlassian connection needs to be renewed: {vault.State.Reason}"
                : "Connect your Atlassian account to use Confluence tools.");

    /// <summary>The refusal with a fresh connect link, or with why none can be made.</summary>
    private async Task<ConnectionRequiredException> ConnectionRequiredAsync(string message)
    {
        if (user.IsSharedConnection)
        {
            // Admins reconnect the shared connection through the admin API; users' failing calls must not mint its links.
            return new ConnectionRequiredException(message);
        }

        try
        {
            return new ConnectionRequiredException(message, await CreateConnectLinkAsync());
        }
        catch (RequestRefusedException exception)
        {
            return new ConnectionRequiredException($"{message} {exception.Message}");
        }
    }

    /// <summary>
    /// A user of a shared-OAuth tenant borrows the shared connection's token and keeps it until it nears expiry, so the
    /// shared grain is asked about once an hour per user, not on every call; but never past a change of the tenant's
    /// settings (consent fingerprint) or of the shared connection (epoch), which <paramref name="app"/> (cached for
    /// seconds) tells.
    /// </summary>
    private async Task<(string Token, string CloudId)> SharedConnectionTokenAsync(OAuthAppRegistration app)
    {
        if (sharedToken is not { } cached
            || time.GetUtcNow() >= cached.ExpiresAt - atlassian.RefreshSkew
            || !app.Settings.IsConsentFingerprint(cached.ConsentFingerprint)
            || cached.SharedConnectionEpoch != app.SharedConnectionEpoch)
        {
            try
            {
                cached = await grains.GetUserConnectionGrain(tenant, UserId.SharedConnection).GetSharedAccessTokenAsync();
            }
            catch (ConnectionRequiredException)
            {
                // The link is for an admin, not for this user.
                throw new ConnectionRequiredException("Your organisation's shared Atlassian connection is not working; ask an admin to reconnect it.");
            }

            sharedToken = cached;
        }

        return (sealer.Unseal(cached.SealedToken, SharedTokenContext), cached.CloudId);
    }

    /// <summary>Always asks the tenant: token requests must use a just-rotated client secret at once.</summary>
    private async Task<OAuthAppRegistration> FetchAppAsync()
    {
        var app = await grains.GetTenantGrain(tenant).GetOAuthAppAsync();
        appCache = (app, time.GetUtcNow());
        return app;
    }

    private OAuthClientCredentials AppCredentials(OAuthAppRegistration app) =>
        new(app.Settings.ClientId,
            sealer.Unseal(app.SealedClientSecret ?? throw new ConflictException(NoClientSecret),
                SecretContexts.ForTenant(tenant, "client_secret")),
            callbackUrl);

    private string ServiceAccountCredentials(OAuthAppRegistration app)
    {
        var token = sealer.Unseal(
            app.SealedApiToken ?? throw new ConnectionRequiredException("The organisation's service account has no API token yet; ask an admin to set it."),
            SecretContexts.ForTenant(tenant, "api_token"));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.Settings.ServiceAccountEmail}:{token}"));
    }

    private string SharedTokenContext => SecretContexts.ForTenant(tenant, "shared_access_token");

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    [LoggerMessage(Level = LogLevel.Information, Message = "Atlassian connect for {Tenant}/{User}: succeeded={Succeeded} ({Outcome})")]
    private static partial void LogConnectOutcome(ILogger logger, string tenant, string user, bool succeeded, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confluence refused the {Kind} credentials of {Tenant}/{User} (401); the connection needs a new consent")]
    private static partial void LogCredentialsRefused(ILogger logger, string tenant, string user, CredentialKind kind);
}
