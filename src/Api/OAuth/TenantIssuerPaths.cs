using System.Text.RegularExpressions;
using Platform.Grains.Identity;

namespace Platform.Api.OAuth;

/// <summary>
/// Which tenant's authorization server a request path addresses, and the path below that issuer: <c>/t/{tenant}/oauth/…</c>
/// and <c>/t/{tenant}/.well-known/…</c>, and the RFC 8414 forms with the issuer's path inserted after the well-known
/// prefix: <c>/.well-known/oauth-authorization-server/t/{tenant}</c> (and the OpenID Connect discovery equivalent).
/// </summary>
public static partial class TenantIssuerPaths
{
    public static bool TryMatch(PathString path, out TenantId tenant, out string below)
    {
        tenant = default;
        below = "";
        var value = path.Value ?? "";
        if (Inserted().Match(value) is { Success: true } inserted && TenantId.TryParse(inserted.Groups["tenant"].Value, out tenant))
        {
            below = $".well-known/{inserted.Groups["document"].Value}";
            return true;
        }

        if (UnderIssuer().Match(value) is { Success: true } under && TenantId.TryParse(under.Groups["tenant"].Value, out tenant))
        {
            below = under.Groups["rest"].Value;
            return true;
        }

        return false;
    }

    [GeneratedRegex("^/\\.well-known/(?<document>oauth-authorization-server|openid-configuration)/t/(?<tenant>[^/]+)/?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Inserted();

    [GeneratedRegex("^/t/(?<tenant>[^/]+)/(?<rest>(oauth|\\.well-known)/[^?]*)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UnderIssuer();
}
