using System.Net;

namespace Platform.Api.SignIn;

/// <summary>
/// A cookie that is Secure everywhere but on a loopback host: TLS usually ends at an ingress, so the request the Api
/// sees says nothing about what the browser used, while a browser on loopback (a developer, the tests) has no TLS.
/// </summary>
public sealed class SecureOutsideLoopbackCookie : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = !IsLoopback(context.Request.Host.Host);
        return options;
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
