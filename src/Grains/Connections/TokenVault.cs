using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Platform.Atlassian;
using Platform.Grains.Identity;
using Platform.Grains.Security;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Connections;

/// <summary>
/// A user's Atlassian tokens, sealed at rest. Readers take the access token without waiting while it is fresh; when it
/// nears expiry, every caller awaits one shared refresh. Changes of the stored tokens (connect, refresh, disconnect)
/// are serialised by the write gate, and every write re-seals values sealed under an older key.
/// </summary>
internal sealed partial class TokenVault(
    IPersistentState<UserConnectionState> state,
    TenantId tenant,
    UserId user,
    SecretSealer sealer,
    AtlassianOAuthClient oauth,
    TimeSpan refreshSkew,
    PlatformMetrics metrics,
    ConnectionAudit audit,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    private const string AccessTokenField = "access_token";
    private const string RefreshTokenField = "refresh_token";
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private Task<string?>? refreshing;

    // Every call needs the access token in the clear; unsealing it (AES-GCM) each time cost more than the rest of the
    // vault. Kept with the sealed value it came from, so any change of the stored token (refresh, reseal, clear) misses.
    private (string Sealed, string Plain)? openedAccessToken;

    /// <summary>New tokens that are not stored yet: nobody may use them (Atlassian already retired the old refresh token).</summary>
    private bool unpersisted;

    public UserConnectionState State => state.State;

    /// <summary>The connection as the user and their admins may see it: no token, only whether one is held and until when.</summary>
    public ConnectionView View => new(State.Status, State.AccountId, State.CloudId, State.Scopes,
        State.SealedAccessToken is null ? null : State.AccessTokenExpiresAt, State.Reason);

    /// <summary>Moves on at every purge, so a connect that began before one cannot store its tokens after it.</summary>
    public long Generation { get; private set; }

    /// <summary>
    /// A valid access token: at once while it is fresh; else after the one refresh in flight. Null when the user must
    /// consent again (never connected, disconnected, or Atlassian rejected the grant).
    /// </summary>
    public Task<string?> GetAccessTokenAsync(Func<Task<OAuthClientCredentials>> appCredentials)
    {
        if (State.Status != ConnectionStatus.Connected || State.SealedAccessToken is null)
        {
            return Task.FromResult<string?>(null);
        }

        if (!unpersisted && IsFresh)
        {
            return Task.FromResult<string?>(OpenAccessToken());
        }

        if (refreshing is null || refreshing.IsCompleted)
        {
            refreshing = WithWriteGateAsync(() => RefreshAsync(appCredentials));
        }

        return refreshing;
    }

    /// <summary>Stores a just-granted connection; the caller holds the write gate.</summary>
    public Task StoreGrantAsync(TokenSet tokens, string cloudId, string accountId, string consentFingerprint)
    {
        StoreTokens(tokens);
        State.Status = ConnectionStatus.Connected;
        State.CloudId = cloudId;
        State.AccountId = accountId;
        State.ConsentedSettings = consentFingerprint;
        State.Reason = null;
        unpersisted = true;
        return PersistTokensAsync();
    }

    /// <summary>Deletes the tokens; the next call needs a new consent. The caller holds the write gate.</summary>
    public Task ClearAsync(ConnectionStatus status, string reason)
    {
        State.Status = status;
        State.Reason = reason;
        State.SealedAccessToken = null;
        State.SealedRefreshToken = null;
        State.AccessTokenExpiresAt = default;
        openedAccessToken = null;
        State.Scopes = [];
        unpersisted = false;
        return WriteAsync();
    }

    /// <summary>
    /// Forgets the connection entirely (tokens, account, consent, pending connect links) and deletes its stored record:
    /// the user was deleted, so an id reused later starts as never connected. The caller holds the write gate.
    /// </summary>
    public async Task PurgeAsync()
    {
        Generation++;
        unpersisted = false;
        await state.ClearStateAsync();
        state.State = new UserConnectionState();
    }

    /// <summary>Last chance to keep a rotated refresh token before the activation's memory is gone.</summary>
    public Task FlushAsync() => unpersisted ? WriteAsync() : Task.CompletedTask;

    public async Task<T> WithWriteGateAsync<T>(Func<Task<T>> action)
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

    public Task WithWriteGateAsync(Func<Task> action) => WithWriteGateAsync(async () =>
    {
        await action();
        return true;
    });

    /// <summary>Every write re-seals tokens sealed under an older key, so adding a key to the ring retires the old one.</summary>
    public Task WriteAsync()
    {
        State.SealedAccessToken = State.SealedAccessToken is { } access ? sealer.Reseal(access, Context(AccessTokenField)) : null;
        State.SealedRefreshToken = State.SealedRefreshToken is { } refresh ? sealer.Reseal(refresh, Context(RefreshTokenField)) : null;
        return state.WriteStateAsync();
    }

    public void Dispose() => writeGate.Dispose();

    private bool IsFresh => time.GetUtcNow() < State.AccessTokenExpiresAt - refreshSkew;

    /// <summary>Refreshes under the write gate; null when the connection needs a new consent.</summary>
    private async Task<string?> RefreshAsync(Func<Task<OAuthClientCredentials>> appCredentials)
    {
        if (unpersisted)
        {
            // A previous refresh got new tokens but could not store them: store them before anyone uses them.
            await PersistTokensAsync();
        }

        if (State.Status != ConnectionStatus.Connected || State.SealedRefreshToken is null)
        {
            return null;
        }

        if (IsFresh)
        {
            return OpenAccessToken();
        }

        TokenSet tokens;
        try
        {
            tokens = await oauth.RefreshAsync(await appCredentials(), Unseal(State.SealedRefreshToken, RefreshTokenField), CancellationToken.None);
        }
        catch (AtlassianGrantRejectedException exception)
        {
            // No retry: a rejected grant only heals with a new consent, and retries would look like token reuse.
            LogRefreshRejected(logger, tenant.Value, user.Value, exception.Message);
            metrics.TokenRefreshed("rejected");
            await audit.RefreshRefusedAsync("Atlassian refused to refresh the connection's token: its grant was revoked or expired.", State.AccountId);
            await ClearAsync(ConnectionStatus.NeedsReconnect, "Atlassian no longer accepts this connection.");
            return null;
        }
        catch (Exception) when (CountFailure())
        {
            throw;
        }

        StoreTokens(tokens);
        unpersisted = true;
        // The rotated refresh token is durable before the new access token is used by anyone.
        await PersistTokensAsync();
        LogRefreshed(logger, tenant.Value, user.Value, tokens.ExpiresAt);
        metrics.TokenRefreshed("succeeded");
        return tokens.AccessToken;
    }

    private void StoreTokens(TokenSet tokens)
    {
        State.SealedAccessToken = sealer.Seal(tokens.AccessToken, Context(AccessTokenField));
        // Atlassian rotates refresh tokens; keep the old one only if none came back.
        if (tokens.RefreshToken is not null)
        {
            State.SealedRefreshToken = sealer.Seal(tokens.RefreshToken, Context(RefreshTokenField));
        }

        State.AccessTokenExpiresAt = tokens.ExpiresAt;
        State.Scopes = ScopeNames.Share([.. tokens.Scopes]);
    }

    /// <summary>
    /// Stores just-issued tokens, retrying briefly: Atlassian has already disabled the previous refresh token, so the
    /// new one must reach storage. Until it does, <see cref="unpersisted"/> keeps anyone from using them.
    /// </summary>
    private async Task PersistTokensAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync();
                unpersisted = false;
                return;
            }
            catch (Exception exception) when (attempt < 3 && exception is not InconsistentStateException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    private string Unseal(string sealedValue, string field) => sealer.Unseal(sealedValue, Context(field));

    private string OpenAccessToken()
    {
        var sealedValue = State.SealedAccessToken!;
        if (openedAccessToken is not { } opened || !ReferenceEquals(opened.Sealed, sealedValue))
        {
            opened = (sealedValue, Unseal(sealedValue, AccessTokenField));
            openedAccessToken = opened;
        }

        return opened.Plain;
    }

    private string Context(string field) => SecretContexts.ForUser(tenant, user, field);

    /// <summary>Counts a refresh that failed for any other reason; used as an exception filter, so it never catches.</summary>
    private bool CountFailure()
    {
        metrics.TokenRefreshed("failed");
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the Atlassian access token of {Tenant}/{User}; valid until {ExpiresAt}")]
    private static partial void LogRefreshed(ILogger logger, string tenant, string user, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Atlassian rejected the refresh of {Tenant}/{User}: {Reason}; the user must reconnect")]
    private static partial void LogRefreshRejected(ILogger logger, string tenant, string user, string reason);
}
