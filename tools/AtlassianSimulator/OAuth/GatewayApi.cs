using System.Net.Http.Headers;
using AtlassianSimulator.Confluence;
using AtlassianSimulator.State;

namespace AtlassianSimulator.OAuth;

/// <summary>The non-product endpoints of api.atlassian.com: accessible-resources and /me.</summary>
public static class GatewayApi
{
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/oauth/token/accessible-resources", (HttpRequest request, SimulatorStore store, OAuthService oauth) =>
        {
            lock (store.Gate)
            {
                if (Resolve(request, oauth) is not { } resolved)
                {
                    return ApiErrors.Unauthorized("Unauthorized");
                }
                var scopes = resolved.Grant.Scopes.Order(StringComparer.Ordinal).ToArray();
                var sites = resolved.Grant.CloudIds.Select(store.SitesByCloudId.GetValueOrDefault).OfType<Model.Site>()
                    .Select(s => new { id = s.CloudId, name = s.Name, url = s.Url, scopes, avatarUrl = "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png" })
                    .ToList();
                return Results.Json(sites);
            }
        });
        app.MapGet("/api/me", (HttpRequest request, SimulatorStore store, OAuthService oauth) =>
        {
            lock (store.Gate)
            {
                if (Resolve(request, oauth) is not { } resolved || !store.Users.TryGetValue(resolved.Grant.AccountId, out var user))
                {
                    return ApiErrors.Unauthorized("Unauthorized");
                }
                if (!resolved.Token.Scopes.Contains("read:me"))
                {
                    return ApiErrors.Unauthorized("Unauthorized; scope does not match");
                }
                return Results.Json(new Dictionary<string, object?>
                {
                    ["account_type"] = "atlassian",
                    ["account_id"] = user.AccountId,
                    ["email"] = user.Email,
                    ["email_verified"] = true,
                    ["name"] = user.DisplayName,
                    ["picture"] = "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/default.png",
                    ["account_status"] = "active",
                    ["nickname"] = user.DisplayName.Split(' ')[0],
                    ["zoneinfo"] = "Etc/UTC",
                    ["locale"] = "en-US",
                    ["extended_profile"] = new Dictionary<string, object?>(),
                });
            }
        });
        return app;
    }

    private static (Model.AccessToken Token, Model.Grant Grant)? Resolve(HttpRequest request, OAuthService oauth) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var auth)
        && auth.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && auth.Parameter is { } token
            ? oauth.ResolveAccessToken(token)
            : null;
}
