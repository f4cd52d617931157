using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Platform.Api.OAuth;
using Platform.Grains.Identity;

namespace Platform.Api.SignIn;

/// <summary>
/// A person's signed-in browser session with one tenant: an HttpOnly, SameSite=Lax cookie protected by the Data
/// Protection key ring every Api pod shares (<see cref="GrainXmlRepository"/>). Consent uses it now; the people's
/// console will use the same scheme (<see cref="Scheme"/>) and claims (<see cref="TenantClaim"/>, <see cref="UserClaim"/>).
/// A session is for one tenant: on another tenant's pages it counts as signed out.
/// </summary>
public static class SignInSession
{
    public const string Scheme = "PlatformSignIn";
    public const string TenantClaim = "platform:tenant";
    public const string UserClaim = "platform:user";
    public const string MethodClaim = "platform:sign-in-method";

    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("confluence-mcp-gateway");
        builder.Services.AddSingleton<GrainXmlRepository>();
        builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<GrainXmlRepository, KeyRingXmlEncryption>((keys, repository, encryption) =>
            {
                keys.XmlRepository = repository;
                keys.XmlEncryptor = encryption;
            });
        builder.Services.AddSingleton<KeyRingXmlEncryption>();
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie = new SecureOutsideLoopbackCookie
        {
            Name = "__platform_antiforgery",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        builder.Services.AddSingleton<SignInFlow>();
        builder.Services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie = new SecureOutsideLoopbackCookie { Name = "__platform_session", HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" };
            cookie.SlidingExpiration = true;
            // Pages redirect to the tenant's sign-in themselves; the scheme never redirects on its own.
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IOptions<OAuthOptions>>((cookie, oauth) => cookie.ExpireTimeSpan = oauth.Value.SignInSessionLifetime);
        return builder;
    }

    /// <summary>The signed-in user of <paramref name="tenant"/>, or null.</summary>
    public static async Task<(UserId User, string DisplayName)?> UserOfAsync(HttpContext http, TenantId tenant)
    {
        var result = await http.AuthenticateAsync(Scheme);
        var principal = result.Principal;
        return result.Succeeded && principal?.FindFirstValue(TenantClaim) == tenant.Value && UserId.TryParse(principal.FindFirstValue(UserClaim), out var user)
            ? (user, principal.FindFirstValue(ClaimTypes.Name) ?? user.Value)
            : null;
    }

    public static Task SignInAsync(HttpContext http, TenantId tenant, UserId user, string displayName, string method) =>
        http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(TenantClaim, tenant.Value),
                new Claim(UserClaim, user.Value),
                new Claim(ClaimTypes.Name, displayName),
                new Claim(MethodClaim, method),
            ],
            Scheme)));
}
