using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.Atlassian;
using Platform.Grains.Identity;

namespace Platform.Grains.Connections;

/// <summary>
/// Connecting a user's Atlassian account: one-time links (only a hash of each nonce is kept; 10 minutes, up to five
/// pending, so a retried tool call does not void the link a person is opening) and, on the callback, the code
/// exchange whose tokens go to the <see cref="TokenVault"/>.
/// </summary>
internal sealed partial class ConsentFlow(
    TokenVault vault,
    TenantId tenant,
    UserId user,
    AtlassianOAuthClient oauth,
    PublicEndpointOptions endpoint,
    TimeProvider time,
    ILogger logger)
{
    private const int MaxPendingConnects = 5;

    public async Task<ConnectLink> CreateLinkAsync(IntegrationSettings settings)
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
        return new ConnectLink(oauth.BuildAuthorizeUrl(settings.ClientId, settings.Scopes, endpoint.CallbackUrl, ConnectState.Format(tenant, user, nonce)));
    }

    /// <summary>Spends the link, exchanges the code, and stores the grant if it is for this organisation's site.</summary>
    public Task<ConnectOutcome> CompleteAsync(IntegrationSettings settings, OAuthClientCredentials app, string stateNonce, string code) =>
        vault.WithWriteGateAsync(async () =>
        {
            var pendingBefore = vault.State.PendingConnects.Count;
            var rejection = ConsumePendingNonce(stateNonce);
            if (vault.State.PendingConnects.Count != pendingBefore)
            {
                // The link is spent before Atlassian is called, so it stays single-use whatever happens next.
                await vault.WriteAsync();
            }

            return rejection is null ? await ExchangeAndStoreAsync(settings, app, code) : new ConnectOutcome(false, rejection);
        });

    /// <summary>Stores a grant another flow already exchanged (signing in with Atlassian), under the same checks as a link's.</summary>
    public Task<ConnectOutcome> CompleteFromGrantAsync(IntegrationSettings settings, TokenSet tokens, IReadOnlyList<string> cloudIds, AtlassianAccount account) =>
        vault.WithWriteGateAsync(() => StoreConsentAsync(settings, tokens, cloudIds, account));

    /// <summary>Removes the matching link (single use) and says why it cannot be used, or null when it can.</summary>
    private string? ConsumePendingNonce(string stateNonce)
    {
        var hash = Encoding.ASCII.GetBytes(Hash(stateNonce));
        var match = vault.State.PendingConnects.FirstOrDefault(pending =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.NonceHash), hash));
        if (match is null)
        {
            return "This connect link is not valid: it was already used, or it was not issued for you.";
        }

        vault.State.PendingConnects.Remove(match);
        return time.GetUtcNow() > match.ExpiresAt ? "This connect link has expired; ask for a new one." : null;
    }

    private async Task<ConnectOutcome> ExchangeAndStoreAsync(IntegrationSettings settings, OAuthClientCredentials app, string code)
    {
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

        return await StoreConsentAsync(settings, tokens, [.. sites.Select(site => site.Id)], account);
    }

    /// <summary>Checks a consent (the tenant's site granted, the right person) and stores its tokens.</summary>
    private async Task<ConnectOutcome> StoreConsentAsync(IntegrationSettings settings, TokenSet tokens, IReadOnlyList<string> cloudIds, AtlassianAccount account)
    {
        if (!cloudIds.Contains(settings.CloudId))
        {
            return new ConnectOutcome(false, $"Your Atlassian account did not grant access to {settings.SiteUrl}, the site this organisation uses. Connect again and choose that site.");
        }

        // Where the gateway knows the user by email, the consenting account must be that person: a forwarded link
        // must not bind someone else's Atlassian identity to this user.
        if (user.Value.Contains('@', StringComparison.Ordinal) && account.Email is { } email
            && !string.Equals(email, user.Value, StringComparison.OrdinalIgnoreCase))
        {
            return new ConnectOutcome(false, $"This link was issued for {user.Value}, but it was accepted by another Atlassian account. Nothing was connected.");
        }

        await vault.StoreGrantAsync(tokens, settings.CloudId, account.AccountId, settings.ConsentFingerprint);
        return new ConnectOutcome(true, $"The Atlassian account {account.Email ?? account.AccountId} is now connected for {user.Value} in {tenant.Value}. You can close this page and return to your AI client.");
    }

    private static string Hash(string nonce) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Atlassian connect for {Tenant}/{User} failed after consent: {Failure}")]
    private static partial void LogConnectFailed(ILogger logger, string tenant, string user, string failure);
}
