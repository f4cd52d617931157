using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Platform.Grains.Identity;

namespace Platform.Api.SignIn;

/// <summary>
/// What a sign-in in progress remembers between leaving for the identity provider and coming back: which tenant, the
/// nonce its <c>state</c> carries, where to return, and for OpenID Connect the PKCE verifier and ID-token nonce. Kept in
/// a protected, HttpOnly cookie valid for 10 minutes, so any Api pod can finish the flow and a forged or replayed
/// callback (another browser, another state) finds nothing to finish.
/// </summary>
public sealed class SignInFlow(IDataProtectionProvider protection, TimeProvider time)
{
    private const string CookieName = "__platform_signin_flow";
    private const string ContinuationCookieName = "__platform_signin_continue";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Platform.SignIn.Flow").ToTimeLimitedDataProtector();

    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public void Begin(HttpContext http, PendingSignIn pending)
    {
        var payload = protector.Protect(JsonSerializer.Serialize(pending), time.GetUtcNow() + Lifetime);
        http.Response.Cookies.Append(CookieName, payload, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = !SecureOutsideLoopbackCookie.IsLoopback(http.Request.Host.Host),
            MaxAge = Lifetime,
            Path = "/",
        });
    }

    /// <summary>
    /// Where to go once the Atlassian connect that follows a sign-in (a per-user OAuth tenant's second step) completes;
    /// read back by the connect callback.
    /// </summary>
    public void RememberContinuation(HttpContext http, TenantId tenant, string returnUrl) =>
        http.Response.Cookies.Append(ContinuationCookieName, protector.Protect($"{tenant.Value} {returnUrl}", time.GetUtcNow() + Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = !SecureOutsideLoopbackCookie.IsLoopback(http.Request.Host.Host),
            MaxAge = Lifetime,
            Path = "/",
        });

    /// <summary>The continuation remembered for <paramref name="tenant"/>, spent; null when there is none.</summary>
    public string? TakeContinuation(HttpContext http, TenantId tenant)
    {
        var cookie = http.Request.Cookies[ContinuationCookieName];
        if (cookie is null)
        {
            return null;
        }

        http.Response.Cookies.Delete(ContinuationCookieName, new CookieOptions { Path = "/" });
        try
        {
            return protector.Unprotect(cookie).Split(' ', 2) is [var owner, var returnUrl] && owner == tenant.Value ? returnUrl : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The pending sign-in whose nonce is <paramref name="nonce"/>, spent (the cookie is cleared) whether it matched or not.</summary>
    public PendingSignIn? Complete(HttpContext http, TenantId tenant, string nonce)
    {
        var cookie = http.Request.Cookies[CookieName];
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        if (cookie is null)
        {
            return null;
        }

        try
        {
            var pending = JsonSerializer.Deserialize<PendingSignIn>(protector.Unprotect(cookie));
            return pending is not null && pending.Tenant == tenant.Value
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(pending.Nonce), System.Text.Encoding.ASCII.GetBytes(nonce))
                ? pending
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
