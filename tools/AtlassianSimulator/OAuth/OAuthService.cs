using AtlassianSimulator.Faults;
using AtlassianSimulator.Hosting;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;
using Microsoft.Extensions.Options;

namespace AtlassianSimulator.OAuth;

/// <summary>Grants, codes and tokens of the 3LO authorization server, following Atlassian's rotation rules.</summary>
public sealed class OAuthService(SimulatorStore store, TimeProvider clock, IOptionsMonitor<OAuthOptions> options, Counters counters, FaultState faults)
{
    public const string Audience = "api.atlassian.com";
    public const string OfflineAccess = "offline_access";

    /// <summary>Checks an authorize request; returns the app and requested scopes, or an error to show.</summary>
    public (OAuthApp? App, HashSet<string> Scopes, string? Error) CheckAuthorize(string? clientId, string? redirectUri, string? scope, string? audience, string? responseType)
    {
        lock (store.Gate)
        {
            if (clientId is null || !store.Apps.TryGetValue(clientId, out var app))
            {
                return (null, [], "invalid_client");
            }
            if (!string.Equals(redirectUri, app.CallbackUrl, StringComparison.Ordinal))
            {
                return (null, [], "redirect_uri_mismatch");
            }
            if (audience != Audience)
            {
                return (null, [], "invalid_audience");
            }
            if (responseType != "code")
            {
                return (null, [], "unsupported_response_type");
            }
            var scopes = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return scopes.Count == 0 || !scopes.IsSubsetOf(app.Scopes) ? (app, scopes, "invalid_scope") : (app, scopes, null);
        }
    }

    /// <summary>
    /// Records consent and issues a single-use code. One grant per app and account: consenting for another site
    /// adds it to the same grant. <paramref name="siteName"/> picks the site as on Atlassian's consent screen;
    /// null consents for every site the user belongs to.
    /// </summary>
    public string Consent(OAuthApp app, User user, IReadOnlySet<string> scopes, string redirectUri, string? siteName = null)
    {
        var now = clock.GetUtcNow();
        lock (store.Gate)
        {
            var grant = store.Grants.Values.FirstOrDefault(g => g.ClientId == app.ClientId && g.AccountId == user.AccountId && !g.Revoked);
            if (grant is null)
            {
                grant = new Grant { Id = store.NewSecret("grant-", 9), ClientId = app.ClientId, AccountId = user.AccountId, Scopes = [.. scopes], FirstConsentAt = now };
                store.Grants[grant.Id] = grant;
            }
            grant.Scopes = [.. scopes];
            foreach (var site in store.SitesByCloudId.Values.Where(s => s.MemberAccountIds.Contains(user.AccountId)
                && (siteName is null || s.Name.Equals(siteName, StringComparison.OrdinalIgnoreCase) || s.CloudId == siteName)))
            {
                grant.CloudIds.Add(site.CloudId);
            }
            var code = store.NewSecret("code-");
            store.Codes[code] = new AuthorizationCode(code, grant.Id, redirectUri, scopes, now.AddSeconds(options.CurrentValue.AuthorizationCodeLifetimeSeconds));
            counters.Increment("authorize.consent");
            return code;
        }
    }

    public (TokenResponse? Tokens, OAuthError? Error) Exchange(TokenRequest request)
    {
        counters.Increment($"token.{request.GrantType ?? "none"}");
        if (request.Resource is not null)
        {
            return Fail(OAuthError.ResourceRejected);
        }
        lock (store.Gate)
        {
            if (request.ClientId is null || request.ClientSecret is null
                || !store.Apps.TryGetValue(request.ClientId, out var app)
                || !string.Equals(app.ClientSecret, request.ClientSecret, StringComparison.Ordinal))
            {
                return Fail(OAuthError.MissingOrWrongSecret);
            }
            return request.GrantType switch
            {
                "authorization_code" => RedeemCode(app, request),
                "refresh_token" => Refresh(app, request),
                _ => Fail(new OAuthError(400, "unsupported_grant_type", "Unsupported grant type")),
            };
        }
    }

    private (TokenResponse?, OAuthError?) RedeemCode(OAuthApp app, TokenRequest request)
    {
        var now = clock.GetUtcNow();
        if (request.Code is null || !store.Codes.TryGetValue(request.Code, out var code) || code.Used || code.ExpiresAt <= now
            || !store.Grants.TryGetValue(code.GrantId, out var grant) || grant.ClientId != app.ClientId || grant.Revoked)
        {
            return Fail(OAuthError.InvalidCode);
        }
        code.Used = true;
        if (!string.Equals(request.RedirectUri, code.RedirectUri, StringComparison.Ordinal))
        {
            return Fail(new OAuthError(403, "invalid_grant", "redirect_uri does not match"));
        }
        counters.Increment($"token.authorization_code.{grant.AccountId}");
        return (Issue(grant, code.Scopes, now), null);
    }

    private (TokenResponse?, OAuthError?) Refresh(OAuthApp app, TokenRequest request)
    {
        var now = clock.GetUtcNow();
        var rules = options.CurrentValue;
        if (request.RefreshToken is null || !store.RefreshTokens.TryGetValue(request.RefreshToken, out var token)
            || !store.Grants.TryGetValue(token.GrantId, out var grant) || grant.ClientId != app.ClientId || grant.Revoked)
        {
            return Fail(InvalidRefresh());
        }
        if (now > token.IssuedAt.AddDays(rules.RefreshInactivityDays) || now > grant.FirstConsentAt.AddDays(rules.RefreshAbsoluteDays))
        {
            return Fail(InvalidRefresh());
        }
        if (token.RotatedAt is { } rotatedAt && now - rotatedAt > TimeSpan.FromSeconds(rules.RefreshReuseLeewaySeconds))
        {
            // Replay of a rotated token: treat the grant as compromised, as Atlassian does.
            RevokeGrant(grant);
            counters.Increment($"token.reuse_detected.{grant.AccountId}");
            return Fail(InvalidRefresh());
        }
        if (token.RotatedAt is not null)
        {
            // Allowed within the leeway, but a client that keeps its tokens well never needs it: tests count it.
            counters.Increment($"token.reuse_within_leeway.{grant.AccountId}");
        }
        token.RotatedAt ??= now;
        counters.Increment($"token.refresh_token.{grant.AccountId}");
        return (Issue(grant, token.Scopes, now), null);
    }

    private TokenResponse Issue(Grant grant, IReadOnlySet<string> scopes, DateTimeOffset now)
    {
        var lifetime = options.CurrentValue.AccessTokenLifetimeSeconds;
        var access = new AccessToken(store.NewSecret("at-", 32), grant.Id, scopes, now.AddSeconds(lifetime));
        store.AccessTokens[access.Token] = access;
        string? refresh = null;
        if (scopes.Contains(OfflineAccess))
        {
            refresh = store.NewSecret("rt-", 32);
            store.RefreshTokens[refresh] = new RefreshToken { Token = refresh, GrantId = grant.Id, Scopes = scopes, IssuedAt = now };
        }
        return new TokenResponse(access.Token, refresh, lifetime, string.Join(' ', scopes.Order(StringComparer.Ordinal)));
    }

    /// <summary>Finds the grant behind a live access token. Caller must hold <see cref="SimulatorStore.Gate"/>.</summary>
    public (AccessToken Token, Grant Grant)? ResolveAccessToken(string token)
    {
        if (!store.AccessTokens.TryGetValue(token, out var access) || access.ExpiresAt <= clock.GetUtcNow()
            || !store.Grants.TryGetValue(access.GrantId, out var grant) || grant.Revoked)
        {
            return null;
        }
        return (access, grant);
    }

    /// <summary>Revokes every grant of the account (all apps, or one app). Returns how many were revoked.</summary>
    public int RevokeGrants(string accountId, string? clientId)
    {
        lock (store.Gate)
        {
            var grants = store.Grants.Values.Where(g => g.AccountId == accountId && !g.Revoked && (clientId is null || g.ClientId == clientId)).ToList();
            grants.ForEach(RevokeGrant);
            return grants.Count;
        }
    }

    private void RevokeGrant(Grant grant)
    {
        grant.Revoked = true;
        foreach (var key in store.RefreshTokens.Where(kv => kv.Value.GrantId == grant.Id).Select(kv => kv.Key).ToList())
        {
            store.RefreshTokens.Remove(key);
        }
    }

    private OAuthError InvalidRefresh() =>
        faults.Settings.RefreshErrorAsUnauthorizedClient ? OAuthError.InvalidRefreshTokenFieldVariant : OAuthError.InvalidRefreshToken;

    private (TokenResponse?, OAuthError?) Fail(OAuthError error)
    {
        counters.Increment($"token.error.{error.Error}");
        return (null, error);
    }
}
