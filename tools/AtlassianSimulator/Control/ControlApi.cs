using AtlassianSimulator.Faults;
using AtlassianSimulator.Hosting;
using AtlassianSimulator.Model;
using AtlassianSimulator.OAuth;
using AtlassianSimulator.State;
using Microsoft.Extensions.Options;

namespace AtlassianSimulator.Control;

/// <summary>
/// Test control plane under /_sim (not part of Atlassian Cloud): reset and reseed, clock, faults, rate limits,
/// counters, grant revocation, registration of apps, sites and users, and a token shortcut.
/// </summary>
public static class ControlApi
{
    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapPost("/reset", (SimulatorStore store, IOptions<SeedOptions> configured, SeedOptions? seed, Counters counters, FaultState faults, RateLimiter limiter, SimulatorClock clock, IOptions<RateLimitOptions> limits) =>
        {
            lock (store.Gate)
            {
                SeedGenerator.Apply(store, seed ?? configured.Value);
            }
            counters.Clear();
            faults.Apply(new FaultSettings(), (seed ?? configured.Value).Seed);
            limiter.Limits = limits.Value;
            clock.ResetOffset();
            return Results.Ok(new { reset = true });
        });
        sim.MapGet("/state", State);
        sim.MapGet("/clock", (TimeProvider clock) => Results.Ok(new { now = clock.GetUtcNow() }));
        sim.MapPost("/clock/advance", (SimulatorClock clock, AdvanceClock body) =>
        {
            clock.Advance(TimeSpan.FromSeconds(body.Seconds));
            return Results.Ok(new { now = clock.GetUtcNow() });
        });
        sim.MapGet("/faults", (FaultState faults) => Results.Ok(faults.Settings));
        sim.MapPut("/faults", (FaultState faults, FaultSettings body) =>
        {
            faults.Apply(body, 7);
            return Results.Ok(faults.Settings);
        });
        sim.MapGet("/ratelimit", (RateLimiter limiter) => Results.Ok(limiter.Limits));
        sim.MapPut("/ratelimit", (RateLimiter limiter, RateLimitOptions body) =>
        {
            limiter.Limits = body;
            return Results.Ok(limiter.Limits);
        });
        sim.MapGet("/counters", (Counters counters) => Results.Ok(counters.Snapshot()));
        sim.MapDelete("/counters", (Counters counters) =>
        {
            counters.Clear();
            return Results.NoContent();
        });
        sim.MapPost("/grants/revoke", (OAuthService oauth, RevokeGrants body) => Results.Ok(new { revoked = oauth.RevokeGrants(body.AccountId, body.ClientId) }));
        sim.MapPut("/consent", (SimulatorStore store, AutoConsent body) =>
        {
            lock (store.Gate)
            {
                store.AutoConsentAccountId = body.AccountId;
            }
            return Results.Ok(body);
        });
        sim.MapPost("/apps", (SimulatorStore store, RegisterApp body) =>
        {
            lock (store.Gate)
            {
                store.Apps[body.ClientId] = new OAuthApp(body.ClientId, body.ClientSecret, body.CallbackUrl, body.Scopes.ToHashSet(StringComparer.Ordinal), body.Name ?? body.ClientId);
            }
            return Results.Ok(new { body.ClientId });
        });
        sim.MapPost("/sites", (SimulatorStore store, RegisterSite body) =>
        {
            lock (store.Gate)
            {
                if (store.SitesByName.ContainsKey(body.Name))
                {
                    return Results.Conflict(new { error = "site exists" });
                }
                var site = store.AddSite(body.Name, body.CloudId);
                return Results.Ok(new { cloudId = site.CloudId, name = site.Name, url = site.Url });
            }
        });
        sim.MapPost("/users", RegisterUserHandler);
        sim.MapPut("/restrictions", (SimulatorStore store, RestrictContent body) =>
        {
            lock (store.Gate)
            {
                if (!store.SitesByName.TryGetValue(body.SiteName, out var site) || !site.Content.Items.TryGetValue(body.ContentId, out var item))
                {
                    return Results.NotFound(new { error = "unknown site or content" });
                }
                item.ViewerAccountIds = body.ViewerAccountIds?.ToHashSet(StringComparer.Ordinal);
                return Results.Ok(new { contentId = item.Id, viewerAccountIds = item.ViewerAccountIds?.ToList() });
            }
        });
        sim.MapPost("/views", (SimulatorStore store, TimeProvider clock, RecordView body) =>
        {
            lock (store.Gate)
            {
                if (!store.SitesByName.TryGetValue(body.SiteName, out var site) || !site.Content.Items.TryGetValue(body.ContentId, out var item)
                    || !site.MemberAccountIds.Contains(body.AccountId))
                {
                    return Results.NotFound(new { error = "unknown site, content or account" });
                }
                item.Views.Add(new PageView(body.AccountId, body.At ?? clock.GetUtcNow()));
                return Results.Ok(new { contentId = item.Id, views = item.Views.Count });
            }
        });
        sim.MapPost("/tokens", Mint);
        return app;
    }

    private static IResult RegisterUserHandler(SimulatorStore store, RegisterUser body)
    {
        lock (store.Gate)
        {
            if (store.UsersByEmail.ContainsKey(body.Email))
            {
                return Results.Conflict(new { error = "user exists" });
            }
            var user = store.AddUser(body.Email, body.DisplayName, body.AccountId, body.ApiToken);
            foreach (var name in body.Sites ?? store.SitesByName.Keys.ToList())
            {
                if (store.SitesByName.TryGetValue(name, out var site))
                {
                    site.MemberAccountIds.Add(user.AccountId);
                }
            }
            user.GroupIds.UnionWith(body.GroupIds ?? []);
            return Results.Ok(new { accountId = user.AccountId, email = user.Email, apiToken = user.ApiToken });
        }
    }

    /// <summary>Consent plus code exchange in one call, for load tests and tests that are not about the OAuth dance.</summary>
    private static IResult Mint(SimulatorStore store, OAuthService oauth, MintToken body)
    {
        OAuthApp? app;
        User? user;
        lock (store.Gate)
        {
            app = store.Apps.GetValueOrDefault(body.ClientId ?? SeedGenerator.DefaultClientId);
            user = store.UsersByEmail.GetValueOrDefault(body.Email) ?? store.Users.GetValueOrDefault(body.Email);
        }
        if (app is null || user is null)
        {
            return Results.NotFound(new { error = "unknown app or user" });
        }
        var scopes = (body.Scopes ?? [.. app.Scopes]).ToHashSet(StringComparer.Ordinal);
        var code = oauth.Consent(app, user, scopes, app.CallbackUrl);
        var (tokens, error) = oauth.Exchange(new TokenRequest("authorization_code", app.ClientId, app.ClientSecret, code, app.CallbackUrl, null, null));
        return tokens is not null ? Results.Ok(tokens) : error!.ToResult();
    }

    /// <summary>Everything is materialised inside the lock: the response is serialised after it is released.</summary>
    private static IResult State(SimulatorStore store)
    {
        lock (store.Gate)
        {
            return Results.Ok(new
            {
                defaultApp = new { clientId = SeedGenerator.DefaultClientId, clientSecret = SeedGenerator.DefaultClientSecret, callbackUrl = SeedGenerator.DefaultCallbackUrl },
                sites = store.SitesByCloudId.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new
                {
                    cloudId = s.CloudId,
                    name = s.Name,
                    url = s.Url,
                    spaces = s.Content.Spaces.Values.Select(sp => new { id = sp.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), key = sp.Key, restricted = sp.IsRestricted, homepageId = sp.HomepageId?.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList(),
                    groups = s.Content.Groups.Values.Select(g => new { id = g.Id, name = g.Name }).ToList(),
                    pageCount = s.Content.Items.Values.Count(i => i.Type == ContentType.Page),
                    firstPageIds = s.Content.Items.Values.Where(i => i.Type == ContentType.Page).Take(5).Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                }).ToList(),
                users = store.Users.Values.Select(u => new { accountId = u.AccountId, email = u.Email, displayName = u.DisplayName, apiToken = u.ApiToken, groupIds = u.GroupIds.ToList() }).ToList(),
                apps = store.Apps.Values.Select(a => new { clientId = a.ClientId, callbackUrl = a.CallbackUrl, scopes = a.Scopes.Order(StringComparer.Ordinal).ToList() }).ToList(),
            });
        }
    }
}
