using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// A tenant's OpenID Connect identity provider for the tests (standing in for Okta or Entra ID): OpenIddict's server on
/// loopback with discovery, a JWKS and RS256-signed ID tokens, authorization code with PKCE, one confidential client.
/// People sign in on a form by email; only emails added with <see cref="AddPerson"/> exist.
/// </summary>
public sealed class OidcProviderHost : IAsyncDisposable
{
    public const string ClientId = "gateway";
    public const string ClientSecret = "oidc-test-secret";
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> people;

    private OidcProviderHost(WebApplication app, ConcurrentDictionary<string, string> people)
    {
        this.app = app;
        this.people = people;
    }

    public Uri Issuer => new(app.Urls.First().TrimEnd('/') + "/");

    /// <summary>Adds a person who can sign in; returns their subject (what the provider calls them for good).</summary>
    public string AddPerson(string email) => people.GetOrAdd(email, _ => $"idp-{Guid.NewGuid():N}");

    public static async Task<OidcProviderHost> StartAsync(Func<IReadOnlyCollection<string>> redirectUris)
    {
        var people = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetJsonWebKeySetEndpointUris("connect/jwks")
                .SetConfigurationEndpointUris(".well-known/openid-configuration");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
            // No stores: the one client is checked by the two handlers below.
            server.EnableDegradedMode();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (!redirectUris().Contains(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidRequest, "Unregistered redirect_uri.");
                }

                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
        });
        var app = builder.Build();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)(http => SignIn(http, people)));
        await app.StartAsync();
        var host = new OidcProviderHost(app, people);
        // OpenIddict's first request builds its whole pipeline (seconds on a busy two-core machine): pay it here, not
        // inside a test's sign-in, whose discovery fetch would time out.
        using var warmUp = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        (await warmUp.GetAsync(new Uri(host.Issuer, ".well-known/openid-configuration"))).EnsureSuccessStatusCode();
        return host;
    }

    private static async Task<IResult> SignIn(HttpContext http, ConcurrentDictionary<string, string> people)
    {
        var request = http.GetOpenIddictServerRequest()!;
        if (!HttpMethods.IsPost(http.Request.Method) || !(await http.Request.ReadFormAsync()).TryGetValue("email", out var email))
        {
            var hidden = string.Concat(request.GetParameters().Select(p => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode((string?)p.Value)}\">"));
            return Results.Content($"""<!doctype html><html lang="en"><title>Sign in</title><form method="post">{hidden}<label>Email <input name="email" type="email"></label><button name="go" value="sign-in">Sign in</button></form></html>""", "text/html");
        }

        if (!people.TryGetValue(email.ToString(), out var subject))
        {
            return Results.Forbid(properties: null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Email, email.ToString()).SetClaim(Claims.EmailVerified, true).SetClaim(Claims.Name, $"Person {email}");
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
