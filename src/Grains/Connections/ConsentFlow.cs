using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.Atlassian;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Grains.Connections;

/// <summary>
/// Connecting a user's Atlassian account: one-time links (only a hash of each nonce is kept; 10 minutes, up to five
/// pending, so a retried tool call does not void the link a person is opening) that open the gateway's page naming the
/// user and tenant before consent, and, on the callback, the code exchange. The consenting account must be the user's
/// by the tenant's directory (<see cref="ITenantGovernanceGrain.MatchConnectingAccountAsync"/>) before its tokens go
/// to the <see cref="TokenVault"/>: a link forwarded to a colleague or leaked to a stranger binds nobody.
/// </summary>
internal sealed partial class ConsentFlow(
    TokenVault vault,
    TenantId tenant,
    UserId user,
    AtlassianOAuthClient oauth,
    IGrainFactory grains,
    PublicEndpointOptions endpoint,
    TimeProvider time,
    ILogger logger)
{
    private const int MaxPendingConnects = 5;

    public async Task<ConnectLink> CreateLinkAsync()
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await vault.WithWriteGateAsync(async () =>
        {
            var now = time.GetUtcNow();
            var pending = vault.State.PendingConnects;
            pending.RemoveAll(link => link.ExpiresAt <= now);
            if (pending.Count >= MaxPendingConnects)
            {
                pending.RemoveAt(0);
            }

            pending.Add(new PendingConnect { NonceHash = Hash(nonce), ExpiresAt = now + endpoint.ConnectLinkLifetime });
            await vault.WriteAsync();
        });
        return new ConnectLink(endpoint.ConnectUrl(ConnectState.Format(tenant, user, nonce)));
    }

    /// <summary>Where a pending, unexpired link sends the person to consent; null for a spent, expired or unknown one. Spends nothing.</summary>
    public ConnectLinkDetails? Describe(IntegrationSettings settings, string stateNonce) =>
        Pending(stateNonce) is { } pending && time.GetUtcNow() < pending.ExpiresAt
            ? new ConnectLinkDetails(
                oauth.BuildAuthorizeUrl(settings.ClientId, settings.Scopes, endpoint.CallbackUrl, ConnectState.Format(tenant, user, stateNonce)),
                pending.ExpiresAt)
            : null;

    /// <summary>Spends the link, exchanges the code, and stores the grant if it is for this organisation's site and this user's account.</summary>
    public async Task<ConnectOutcome> CompleteAsync(IntegrationSettings settings, OAuthClientCredentials app, string stateNonce, string code)
    {
        var (rejection, generation) = await vault.WithWriteGateAsync(async () =>
        {
            var pendingBefore = vault.State.PendingConnects.Count;
            var rejection = ConsumePendingNonce(stateNonce);
            if (vault.State.PendingConnects.Count != pendingBefore)
            {
                // The link is spent before Atlassian is called, so it stays single-use whatever happens next.
                await vault.WriteAsync();
            }

            return (rejection, vault.Generation);
        });
        if (rejection is not null)
        {
            return new ConnectOutcome(false, rejection);
        }

        TokenSet tokens;
        IReadOnlyList<AccessibleResource> sites;
        AtlassianAccount account;
        try
        {
            tokens = await oauth.ExchangeCodeAsync(app, code, CancellationToken.None);
            sites = await oauth.GetAccessibleResourcesAsync(tokens.AccessToken, CancellationToken.None);
            account = await oauth.GetCurrentAccountAsync(tokens.AccessToken, CancellationToken.None);
        }
        catch (Exception exception) when (exception is AtlassianGrantRejectedException or AtlassianClientRejectedException
            or AtlassianUnavailableException or HttpRequestException or JsonException or UriFormatException)
        {
            LogConnectFailed(logger, tenant.Value, user.Value, exception.GetType().Name);
            return new ConnectOutcome(false, exception is AtlassianClientRejectedException
                ? "Atlassian refused this organisation's app credentials; ask an admin to check the integration."
                : "Atlassian did not complete the connection; start again from a new connect link.");
        }

        return await StoreConsentAsync(settings, tokens, [.. sites.Select(site => site.Id)], account, matchedBySignIn: false, generation);
    }

    /// <summary>
    /// Stores a grant another flow already exchanged (signing in with Atlassian, which matched the account to this user),
    /// under the same checks as a link's.
    /// </summary>
    public Task<ConnectOutcome> CompleteFromGrantAsync(IntegrationSettings settings, TokenSet tokens, IReadOnlyList<string> cloudIds, AtlassianAccount account) =>
        StoreConsentAsync(settings, tokens, cloudIds, account, matchedBySignIn: true, vault.Generation);

    /// <summary>Removes the matching link (single use) and says why it cannot be used, or null when it can.</summary>
    private string? ConsumePendingNonce(string stateNonce)
    {
        if (Pending(stateNonce) is not { } match)
        {
            return "This connect link is not valid: it was already used, or it was not issued for you.";
        }

        vault.State.PendingConnects.Remove(match);
        return time.GetUtcNow() > match.ExpiresAt ? "This connect link has expired; ask for a new one." : null;
    }

    private PendingConnect? Pending(string stateNonce)
    {
        var hash = Encoding.ASCII.GetBytes(Hash(stateNonce));
        return vault.State.PendingConnects.FirstOrDefault(pending =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.NonceHash), hash));
    }

    /// <summary>
    /// Checks a consent (the tenant's site granted, the account is the user's) and stores its tokens, unless the user
    /// was deleted meanwhile (<paramref name="generation"/> moved on).
    /// </summary>
    private async Task<ConnectOutcome> StoreConsentAsync(
        IntegrationSettings settings, TokenSet tokens, IReadOnlyList<string> cloudIds, AtlassianAccount account, bool matchedBySignIn, long generation)
    {
        if (!cloudIds.Contains(settings.CloudId))
        {
            return new ConnectOutcome(false, $"Your Atlassian account did not grant access to {settings.SiteUrl}, the site this organisation uses. Connect again and choose that site.");
        }

        // The tenant's shared connection is whichever account its admin chooses; every other connection is one person's.
        if (!user.IsSharedConnection
            && await grains.GetTenantGovernanceGrain(tenant).MatchConnectingAccountAsync(user, new ConnectingAccount(account.AccountId, account.Email), matchedBySignIn)
                is { Accepted: false, Refusal: var refusal })
        {
            LogAccountRefused(logger, tenant.Value, user.Value);
            return new ConnectOutcome(false, refusal!);
        }

        return await vault.WithWriteGateAsync(async () =>
        {
            if (vault.Generation != generation)
            {
                return new ConnectOutcome(false, $"User '{user}' was deleted while connecting; nothing was connected.");
            }

            await vault.StoreGrantAsync(tokens, settings.CloudId, account.AccountId, settings.ConsentFingerprint);
            return new ConnectOutcome(true, $"The Atlassian account {account.Email ?? account.AccountId} is now connected for {user.Value} in {tenant.Value}. You can close this page and return to your AI client.");
        });
    }

    private static string Hash(string nonce) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Atlassian connect for {Tenant}/{User} failed after consent: {Failure}")]
    private static partial void LogConnectFailed(ILogger logger, string tenant, string user, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Atlassian connect for {Tenant}/{User} refused: the consenting account is not the user's by the directory")]
    private static partial void LogAccountRefused(ILogger logger, string tenant, string user);
}
