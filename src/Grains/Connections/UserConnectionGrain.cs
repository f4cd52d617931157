using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;
using Orleans.Utilities;
using Platform.Atlassian;
using Platform.Audit;
using Platform.Confluence.Tools;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;
using Platform.Grains.Security;
using Platform.Grains.Telemetry;
using Platform.Grains.Tools;

namespace Platform.Grains.Connections;

/// <summary>
/// A user's Atlassian connection and token vault. Reentrant so a user's calls run concurrently; the one thing that is
/// serialised is a change of the stored tokens (connect, refresh, disconnect), behind <see cref="writeGate"/>.
/// </summary>
[Reentrant]
public sealed partial class UserConnectionGrain(
    [PersistentState("connection", StorageNames.Platform)] IPersistentState<UserConnectionState> state,
    AtlassianOAuthClient oauth,
    IHttpClientFactory httpClients,
    SecretSealer sealer,
    IOptions<PublicEndpointOptions> publicEndpoint,
    IOptions<AtlassianOptions> atlassianOptions,
    ToolInvoker toolInvoker,
    PlatformMetrics metrics,
    IAuditLog auditLog,
    TimeProvider time,
    ILogger<UserConnectionGrain> logger) : Grain, IUserConnectionGrain, IDisposable
{
    public const string ConfluenceHttpClient = "confluence";
    private const int MaxPendingConnects = 5;
    private static readonly TimeSpan AppCacheLifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ToolListSubscriptionLifetime = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private Task<string?>? refreshing;
    private bool tokensUnpersisted;
    private (OAuthAppRegistration App, DateTimeOffset FetchedAt)? appCache;
    private SharedAccessToken? sharedToken;
    private EffectiveToolPolicy? policy;
    private UserCallLimiter? limiter;
    private ObserverManager<IToolListObserver>? toolListObservers;

    private (TenantId Tenant, UserId User) Key => GrainKeys.ParseUser(this.GetPrimaryKeyString());

    private UserConnectionState S => state.State;

    public async Task<ConnectLink> CreateConnectLinkAsync()
    {
        var app = await FetchAppAsync();
        var expectedMode = Key.User.IsSharedConnection ? CredentialMode.SharedOAuth : CredentialMode.PerUserOAuth;
        if (app.Settings.Mode != expectedMode)
        {
            throw new InvalidOperationException(Key.User.IsSharedConnection
                ? "This tenant does not use a shared OAuth connection."
                : "This tenant uses shared credentials; users do not connect their own accounts.");
        }

        if (app.SealedClientSecret is null)
        {
            throw new InvalidOperationException("The tenant's Atlassian app has no client secret yet; ask an admin to finish the integration.");
        }

        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await WithWriteGateAsync(async () =>
        {
            var now = time.GetUtcNow();
            S.PendingConnects.RemoveAll(pending => pending.ExpiresAt <= now);
            if (S.PendingConnects.Count >= MaxPendingConnects)
            {
                S.PendingConnects.RemoveAt(0);
            }

            S.PendingConnects.Add(new PendingConnect { NonceHash = Hash(nonce), ExpiresAt = now + publicEndpoint.Value.ConnectLinkLifetime });
            await WriteStateAsync();
        });
        var (tenant, user) = Key;
        return new ConnectLink(oauth.BuildAuthorizeUrl(app.Settings.ClientId, app.Settings.Scopes, publicEndpoint.Value.CallbackUrl, ConnectState.Format(tenant, user, nonce)));
    }

    public async Task<ConnectOutcome> CompleteConnectAsync(string stateNonce, string code)
    {
        var outcome = await WithWriteGateAsync(async () =>
        {
            var pendingBefore = S.PendingConnects.Count;
            var rejection = ConsumePendingNonce(stateNonce);
            if (S.PendingConnects.Count != pendingBefore)
            {
                // The link is spent before Atlassian is called, so it stays single-use whatever happens next.
                await WriteStateAsync();
            }

            return rejection is null ? await ExchangeAndStoreAsync(code) : new ConnectOutcome(false, rejection);
        });
        return await RecordConnectOutcomeAsync(outcome);
    }

    public async Task<ConnectOutcome> CompleteConnectFromGrantAsync(AtlassianGrantHandoff grant)
    {
        var context = SecretContexts.ForTenant(Key.Tenant, "signin_handoff");
        var tokens = new TokenSet(
            sealer.Unseal(grant.SealedAccessToken, context), grant.SealedRefreshToken is { } refresh ? sealer.Unseal(refresh, context) : null,
            grant.ExpiresAt, grant.Scopes);
        var outcome = await WithWriteGateAsync(async () =>
            await StoreConsentAsync(await FetchAppAsync(), tokens, grant.AccessibleCloudIds, new AtlassianAccount(grant.AccountId, grant.Email, null)));
        return await RecordConnectOutcomeAsync(outcome);
    }

    private async Task<ConnectOutcome> RecordConnectOutcomeAsync(ConnectOutcome outcome)
    {
        var (tenant, user) = Key;
        if (outcome.Succeeded)
        {
            await GrainFactory.GetTenantGrain(tenant).RecordConnectionAsync(user, connected: true);
        }

        LogConnectOutcome(logger, tenant.Value, user.Value, outcome.Succeeded, outcome.Message);
        return outcome;
    }

    public Task<ConnectionView> GetConnectionAsync() =>
        Task.FromResult(new ConnectionView(S.Status, S.AccountId, S.CloudId, S.Scopes, S.SealedAccessToken is null ? null : S.AccessTokenExpiresAt, S.Reason));

    public async Task DisconnectAsync()
    {
        await WithWriteGateAsync(() => ClearTokensAsync(ConnectionStatus.Disconnected, "Disconnected."));
        var (tenant, user) = Key;
        await GrainFactory.GetTenantGrain(tenant).RecordConnectionAsync(user, connected: false);
    }

    public Task MarkNeedsReconnectAsync(string reason) =>
        WithWriteGateAsync(() => S.Status == ConnectionStatus.Connected
            ? ClearTokensAsync(ConnectionStatus.NeedsReconnect, reason)
            : Task.CompletedTask);

    public async Task<ConfluenceResponse> SendAsync(ConfluenceRequest request, CancellationToken cancellationToken = default)
    {
        var method = ParseMethod(request.Method);
        var relative = ConfluencePaths.Validate(request.Path);
        var (app, accessToken, cloudId) = await GetCredentialsAsync();
        using var message = new HttpRequestMessage(method, (Uri?)null);
        if (accessToken is null)
        {
            message.RequestUri = new Uri(WithTrailingSlash(app.Settings.SiteUrl), relative);
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", ServiceAccountCredentials(app));
        }
        else
        {
            message.RequestUri = new Uri(atlassianOptions.Value.ApiBaseUrl, $"ex/confluence/{Uri.EscapeDataString(cloudId)}/{relative}");
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        message.Content = ConfluenceContent.For(request, message.Headers);
        var started = time.GetTimestamp();
        using var response = await httpClients.CreateClient(ConfluenceHttpClient).SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        metrics.ConfluenceResponded(method.Method, (int)response.StatusCode, time.GetElapsedTime(started));
        var retryAfter = response.Headers.RetryAfter?.Delta
            ?? (response.Headers.RetryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            // Every user of the tenant leaves this site alone until it is due, instead of piling on.
            await Limiter.ReportUpstreamAsync(app.Settings.CloudId, (int)response.StatusCode, retryAfter);
        }

        return new ConfluenceResponse((int)response.StatusCode, body, retryAfter, response.Content.Headers.ContentType?.MediaType);
    }

    public async Task<ToolCallResult> CallToolAsync(ToolCall toolCall, CancellationToken cancellationToken = default)
    {
        var occurredAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var transport = new UserTransport(this, time);
        var result = await toolInvoker.InvokeAsync(Key, await GetToolPolicyAsync(), toolCall, AdmitAsync, transport, cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        metrics.ToolCallCompleted(Key.Tenant, toolCall.ToolName, result.Status, elapsed, transport.Upstream);
        // Committed before the result leaves: a client never holds a result the log does not have. Not cancellable,
        // because the call has happened whether or not the client still waits.
        await auditLog.AppendAsync(ToolCallAudit.Record(Key, toolCall, result, occurredAt, elapsed, transport.Upstream), CancellationToken.None);
        return result;
    }

    public async Task<SharedAccessToken> GetSharedAccessTokenAsync()
    {
        if (!Key.User.IsSharedConnection)
        {
            throw new InvalidOperationException("Only the tenant's shared connection hands out its token.");
        }

        var token = await GetValidAccessTokenAsync();
        return new SharedAccessToken(sealer.Seal(token, SharedTokenContext), S.AccessTokenExpiresAt, S.CloudId!);
    }

    public async Task<EffectiveToolPolicy> GetToolPolicyAsync()
    {
        if (policy is null)
        {
            var fetched = await GrainFactory.GetTenantGovernanceGrain(Key.Tenant).GetEffectivePolicyAsync(Key.User);
            // A push may have landed while the fetch was in flight; keep whichever is newer.
            policy = policy is { } pushed && pushed.Version >= fetched.Version ? pushed : fetched;
        }

        return policy;
    }

    public Task ApplyPolicyAsync(EffectiveToolPolicy pushed)
    {
        if (policy is not null && pushed.Version <= policy.Version)
        {
            return Task.CompletedTask;
        }

        var changed = policy is null || !SameCallableTools(policy, pushed);
        policy = pushed;
        if (changed && toolListObservers is { Count: > 0 } observers)
        {
            var (tenant, user) = Key;
            observers.Notify(observer => observer.ToolListChanged(tenant, user));
        }

        return Task.CompletedTask;
    }

    public Task SubscribeToolListAsync(IToolListObserver observer)
    {
        toolListObservers ??= new ObserverManager<IToolListObserver>(ToolListSubscriptionLifetime, logger);
        toolListObservers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeToolListAsync(IToolListObserver observer)
    {
        toolListObservers?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public void Dispose() => writeGate.Dispose();

    /// <summary>
    /// The Confluence transport one tool call runs over: this grain's credentials, inside this grain's activation. It adds
    /// up the time spent waiting for Confluence, so the gateway's own share of the call can be measured.
    /// </summary>
    private sealed class UserTransport(UserConnectionGrain grain, TimeProvider time) : IConfluenceApi
    {
        private long upstreamTicks;

        public TimeSpan Upstream => TimeSpan.FromTicks(Interlocked.Read(ref upstreamTicks));

        public async Task<ConfluenceResponse> SendAsync(ConfluenceRequest request, CancellationToken cancellationToken)
        {
            var started = time.GetTimestamp();
            try
            {
                return await grain.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Add(ref upstreamTicks, time.GetElapsedTime(started).Ticks);
            }
        }

        public Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken) =>
            grain.GetAccessibleSitesAsync(cancellationToken);
    }

    private UserCallLimiter Limiter => limiter ??= new UserCallLimiter(Key.Tenant, Key.User, GrainFactory, time);

    /// <summary>The rate limits of one call of <paramref name="tool"/>, against the tenant's Confluence site.</summary>
    private async Task<CallAdmission> AdmitAsync(string tool) =>
        await Limiter.AcquireAsync(tool, (await GetAppAsync()).Settings.CloudId);

    /// <summary>
    /// The app and how to authenticate this user's next call: a bearer token and cloud id (per-user or shared OAuth),
    /// or no token for the shared service account's Basic credentials.
    /// </summary>
    private async Task<(OAuthAppRegistration App, string? AccessToken, string CloudId)> GetCredentialsAsync()
    {
        var app = await GetAppAsync();
        if (S.Status == ConnectionStatus.Connected && S.ConsentedSettings != ConsentFingerprint(app.Settings))
        {
            // Durable backstop for the tenant's fan-out: a user consented under other settings never keeps calling.
            await MarkNeedsReconnectAsync("The tenant changed its Atlassian app, site or scopes; connect again to grant them.");
        }

        if (app.Settings.Mode == CredentialMode.SharedApiToken)
        {
            return (app, null, app.Settings.CloudId);
        }

        var (token, cloudId) = app.Settings.Mode == CredentialMode.SharedOAuth && !Key.User.IsSharedConnection
            ? await GetSharedConnectionTokenAsync()
            : (await GetValidAccessTokenAsync(), S.CloudId!);
        return (app, token, cloudId);
    }

    private async Task<IReadOnlyList<AccessibleSite>> GetAccessibleSitesAsync(CancellationToken cancellationToken)
    {
        var (app, accessToken, _) = await GetCredentialsAsync();
        if (accessToken is null)
        {
            return [new AccessibleSite(app.Settings.CloudId, app.Settings.SiteUrl.AbsoluteUri, app.Settings.SiteUrl.Host, [])];
        }

        var resources = await oauth.GetAccessibleResourcesAsync(accessToken, cancellationToken);
        return [.. resources.Select(resource => new AccessibleSite(resource.Id, resource.Url.AbsoluteUri, resource.Name, resource.Scopes))];
    }

    /// <summary>
    /// A user of a shared-OAuth tenant borrows the shared connection's token and keeps it until it nears expiry, so the
    /// shared grain is asked about once an hour per user, not on every call.
    /// </summary>
    private async Task<(string Token, string CloudId)> GetSharedConnectionTokenAsync()
    {
        if (sharedToken is not { } cached || time.GetUtcNow() >= cached.ExpiresAt - atlassianOptions.Value.RefreshSkew)
        {
            try
            {
                cached = await GrainFactory.GetUserConnectionGrain(Key.Tenant, UserId.SharedConnection).GetSharedAccessTokenAsync();
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

    /// <summary>The hot path: a valid token without any wait when it is fresh; a single shared refresh when it is not.</summary>
    private async Task<string> GetValidAccessTokenAsync()
    {
        if (S.Status != ConnectionStatus.Connected || S.SealedAccessToken is null)
        {
            throw await ConnectionRequiredAsync(S.Status == ConnectionStatus.NeedsReconnect
                ? $"Your Atlassian connection needs to be renewed: {S.Reason}"
                : "Connect your Atlassian account to use Confluence tools.");
        }

        if (!tokensUnpersisted && time.GetUtcNow() < S.AccessTokenExpiresAt - atlassianOptions.Value.RefreshSkew)
        {
            return sealer.Unseal(S.SealedAccessToken, UserContext("access_token"));
        }

        // Every caller that finds the token stale awaits the same refresh: one token request per rotation.
        if (refreshing is null || refreshing.IsCompleted)
        {
            refreshing = RefreshAsync();
        }

        // Built outside the refresh: making a link takes the write gate the refresh holds.
        return await refreshing ?? throw await ConnectionRequiredAsync(
            "Your Atlassian connection was revoked or expired; connect again to continue.");
    }

    /// <summary>Refreshes under the write gate; null when the connection needs a new consent.</summary>
    private Task<string?> RefreshAsync() => WithWriteGateAsync<string?>(async () =>
    {
        if (tokensUnpersisted)
        {
            // A previous refresh got new tokens but could not store them: store them before anyone uses them.
            await WriteStateAsync();
            tokensUnpersisted = false;
        }

        if (S.Status != ConnectionStatus.Connected || S.SealedRefreshToken is null)
        {
            return null;
        }

        if (time.GetUtcNow() < S.AccessTokenExpiresAt - atlassianOptions.Value.RefreshSkew)
        {
            return sealer.Unseal(S.SealedAccessToken!, UserContext("access_token"));
        }

        var app = await FetchAppAsync();
        TokenSet tokens;
        try
        {
            tokens = await oauth.RefreshAsync(Credentials(app), sealer.Unseal(S.SealedRefreshToken, UserContext("refresh_token")), CancellationToken.None);
        }
        catch (AtlassianGrantRejectedException exception)
        {
            // No retry: a rejected grant only heals with a new consent, and retries would look like token reuse.
            LogRefreshRejected(logger, Key.Tenant.Value, Key.User.Value, exception.Message);
            metrics.TokenRefreshed("rejected");
            await ClearTokensAsync(ConnectionStatus.NeedsReconnect, "Atlassian no longer accepts this connection.");
            return null;
        }
        catch (Exception) when (Count("failed"))
        {
            throw;
        }

        StoreTokens(tokens);
        tokensUnpersisted = true;
        // The rotated refresh token is durable before the new access token is used by anyone.
        await PersistTokensAsync();
        LogRefreshed(logger, Key.Tenant.Value, Key.User.Value, tokens.ExpiresAt);
        metrics.TokenRefreshed("succeeded");
        return tokens.AccessToken;
    });

    /// <summary>Removes the matching link (single use) and says why it cannot be used, or null when it can.</summary>
    private string? ConsumePendingNonce(string stateNonce)
    {
        var hash = Encoding.ASCII.GetBytes(Hash(stateNonce));
        var match = S.PendingConnects.FirstOrDefault(pending =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.NonceHash), hash));
        if (match is null)
        {
            return "This connect link is not valid: it was already used, or it was not issued for you.";
        }

        S.PendingConnects.Remove(match);
        return time.GetUtcNow() > match.ExpiresAt ? "This connect link has expired; ask for a new one." : null;
    }

    private async Task<ConnectOutcome> ExchangeAndStoreAsync(string code)
    {
        var app = await FetchAppAsync();
        TokenSet tokens;
        IReadOnlyList<AccessibleResource> sites;
        AtlassianAccount account;
        try
        {
            tokens = await oauth.ExchangeCodeAsync(Credentials(app), code, CancellationToken.None);
            sites = await oauth.GetAccessibleResourcesAsync(tokens.AccessToken, CancellationToken.None);
            account = await oauth.GetCurrentAccountAsync(tokens.AccessToken, CancellationToken.None);
        }
        catch (Exception exception) when (exception is AtlassianGrantRejectedException or AtlassianClientRejectedException
            or AtlassianUnavailableException or HttpRequestException or JsonException or UriFormatException)
        {
            LogConnectFailed(logger, Key.Tenant.Value, Key.User.Value, exception.GetType().Name);
            return new ConnectOutcome(false, exception is AtlassianClientRejectedException
                ? "Atlassian refused this organisation's app credentials; ask an admin to check the integration."
                : "Atlassian did not complete the connection; start again from a new connect link.");
        }

        return await StoreConsentAsync(app, tokens, [.. sites.Select(site => site.Id)], account);
    }

    /// <summary>Checks a consent (the tenant's site granted, the right person) and stores its tokens.</summary>
    private async Task<ConnectOutcome> StoreConsentAsync(OAuthAppRegistration app, TokenSet tokens, IReadOnlyList<string> cloudIds, AtlassianAccount account)
    {
        if (!cloudIds.Contains(app.Settings.CloudId))
        {
            return new ConnectOutcome(false, $"Your Atlassian account did not grant access to {app.Settings.SiteUrl}, the site this organisation uses. Connect again and choose that site.");
        }

        // Where the gateway knows the user by email, the consenting account must be that person: a forwarded link
        // must not bind someone else's Atlassian identity to this user.
        if (Key.User.Value.Contains('@', StringComparison.Ordinal) && account.Email is { } email
            && !string.Equals(email, Key.User.Value, StringComparison.OrdinalIgnoreCase))
        {
            return new ConnectOutcome(false, $"This link was issued for {Key.User.Value}, but it was accepted by another Atlassian account. Nothing was connected.");
        }

        StoreTokens(tokens);
        S.Status = ConnectionStatus.Connected;
        S.CloudId = app.Settings.CloudId;
        S.AccountId = account.AccountId;
        S.ConsentedSettings = ConsentFingerprint(app.Settings);
        S.Reason = null;
        tokensUnpersisted = true;
        await PersistTokensAsync();
        return new ConnectOutcome(true, $"The Atlassian account {account.Email ?? account.AccountId} is now connected for {Key.User.Value} in {Key.Tenant.Value}. You can close this page and return to your AI client.");
    }

    private void StoreTokens(TokenSet tokens)
    {
        S.SealedAccessToken = sealer.Seal(tokens.AccessToken, UserContext("access_token"));
        // Atlassian rotates refresh tokens; keep the old one only if none came back.
        if (tokens.RefreshToken is not null)
        {
            S.SealedRefreshToken = sealer.Seal(tokens.RefreshToken, UserContext("refresh_token"));
        }

        S.AccessTokenExpiresAt = tokens.ExpiresAt;
        S.Scopes = [.. tokens.Scopes];
    }

    private async Task ClearTokensAsync(ConnectionStatus status, string reason)
    {
        S.Status = status;
        S.Reason = reason;
        S.SealedAccessToken = null;
        S.SealedRefreshToken = null;
        S.AccessTokenExpiresAt = default;
        S.Scopes = [];
        tokensUnpersisted = false;
        await WriteStateAsync();
    }

    private async Task<ConnectionRequiredException> ConnectionRequiredAsync(string message)
    {
        if (Key.User.IsSharedConnection)
        {
            // Admins reconnect the shared connection through the admin API; users' failing calls must not mint links.
            return new ConnectionRequiredException(message);
        }

        try
        {
            return new ConnectionRequiredException(message, await CreateConnectLinkAsync());
        }
        catch (InvalidOperationException exception)
        {
            return new ConnectionRequiredException($"{message} {exception.Message}");
        }
    }

    private async Task<OAuthAppRegistration> GetAppAsync()
    {
        if (appCache is { } cached && time.GetUtcNow() - cached.FetchedAt < AppCacheLifetime)
        {
            return cached.App;
        }

        return await FetchAppAsync();
    }

    /// <summary>Always asks the tenant: token requests must use a just-rotated client secret at once.</summary>
    private async Task<OAuthAppRegistration> FetchAppAsync()
    {
        var app = await GrainFactory.GetTenantGrain(Key.Tenant).GetOAuthAppAsync();
        appCache = (app, time.GetUtcNow());
        return app;
    }

    private OAuthClientCredentials Credentials(OAuthAppRegistration app) =>
        new(app.Settings.ClientId,
            sealer.Unseal(app.SealedClientSecret ?? throw new InvalidOperationException("The tenant's Atlassian app has no client secret."),
                SecretContexts.ForTenant(Key.Tenant, "client_secret")),
            publicEndpoint.Value.CallbackUrl);

    private string ServiceAccountCredentials(OAuthAppRegistration app)
    {
        var token = sealer.Unseal(
            app.SealedApiToken ?? throw new InvalidOperationException("The tenant's service account has no API token yet."),
            SecretContexts.ForTenant(Key.Tenant, "api_token"));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.Settings.ServiceAccountEmail}:{token}"));
    }

    /// <summary>
    /// Stores just-issued tokens, retrying briefly: Atlassian has already disabled the previous refresh token, so the
    /// new one must reach storage. Until it does, <see cref="tokensUnpersisted"/> keeps anyone from using them.
    /// </summary>
    private async Task PersistTokensAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteStateAsync();
                tokensUnpersisted = false;
                return;
            }
            catch (Exception exception) when (attempt < 3 && exception is not InconsistentStateException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (tokensUnpersisted)
        {
            // Last chance to keep the rotated refresh token before this activation's memory is gone.
            await WriteStateAsync();
        }

        if (policy is not null)
        {
            // Pushes to a forgotten activation would only re-activate it; governance need not keep it registered.
            await GrainFactory.GetTenantGovernanceGrain(Key.Tenant).UnregisterUserAsync(Key.User);
        }
    }

    /// <summary>Every write re-seals tokens sealed under an older key, so adding a key to the ring retires the old one.</summary>
    private Task WriteStateAsync()
    {
        S.SealedAccessToken = S.SealedAccessToken is { } access ? sealer.Reseal(access, UserContext("access_token")) : null;
        S.SealedRefreshToken = S.SealedRefreshToken is { } refresh ? sealer.Reseal(refresh, UserContext("refresh_token")) : null;
        return state.WriteStateAsync();
    }

    private string SharedTokenContext => SecretContexts.ForTenant(Key.Tenant, "shared_access_token");

    private string UserContext(string field) => SecretContexts.ForUser(Key.Tenant, Key.User, field);

    private async Task<T> WithWriteGateAsync<T>(Func<Task<T>> action)
    {
        await writeGate.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            writeGate.Release();
        }
    }

    private async Task WithWriteGateAsync(Func<Task> action)
    {
        await writeGate.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            writeGate.Release();
        }
    }

    private static string ConsentFingerprint(IntegrationSettings settings) =>
        $"{settings.ClientId}|{settings.CloudId}|{string.Join(' ', settings.Scopes)}";

    /// <summary>Counts a refresh that failed for any other reason; used as an exception filter, so it never catches.</summary>
    private bool Count(string refreshResult)
    {
        metrics.TokenRefreshed(refreshResult);
        return false;
    }

    private static bool SameCallableTools(EffectiveToolPolicy before, EffectiveToolPolicy after) =>
        before.TenantAccess == after.TenantAccess
        && before.UserEnabled == after.UserEnabled
        && before.AllowedTools.Count == after.AllowedTools.Count
        && before.AllowedTools.All(tool => after.AllowedTools.TryGetValue(tool.Key, out var hash) && hash == tool.Value);

    private static string Hash(string nonce) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static HttpMethod ParseMethod(string? method) => method?.ToUpperInvariant() switch
    {
        "GET" => HttpMethod.Get,
        "POST" => HttpMethod.Post,
        "PUT" => HttpMethod.Put,
        "DELETE" => HttpMethod.Delete,
        _ => throw new ArgumentException($"HTTP method '{method}' is not allowed for Confluence calls.", nameof(method)),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Atlassian connect for {Tenant}/{User}: succeeded={Succeeded} ({Outcome})")]
    private static partial void LogConnectOutcome(ILogger logger, string tenant, string user, bool succeeded, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Atlassian connect for {Tenant}/{User} failed after consent: {Failure}")]
    private static partial void LogConnectFailed(ILogger logger, string tenant, string user, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the Atlassian access token of {Tenant}/{User}; valid until {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string tenant, string user, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Atlassian rejected the refresh of {Tenant}/{User}: {Reason}; the user must reconnect")]
    private static partial void LogRefreshRejected(ILogger logger, string tenant, string user, string reason);
}
