using Microsoft.Extensions.Options;
using Platform.Atlassian;
using Platform.Outbound;

namespace Platform.Grains.Confluence;

/// <summary>
/// Where the gateway may send a Confluence request: a tenant's site must be <c>https://&lt;name&gt;.atlassian.net</c>
/// or on the operator's <see cref="ConfluenceOptions.AllowedSiteHosts"/>; a download may be redirected to Atlassian's
/// media host, a site or the configured API root, never elsewhere; and only operator-named hosts may resolve to
/// private addresses (<see cref="AddressCheckExemptions"/>).
/// </summary>
public sealed class ConfluenceDestinations
{
    /// <summary>Where Confluence Cloud sends attachment downloads (with a token of its own in the URL).</summary>
    public const string MediaHost = "api.media.atlassian.com";

    private const string SiteDomain = "atlassian.net";
    private readonly HostAllowList operatorSites;
    private readonly Uri apiRoot;

    public ConfluenceDestinations(IOptions<ConfluenceOptions> confluence, IOptions<AtlassianOptions> atlassian)
    {
        ArgumentNullException.ThrowIfNull(confluence);
        ArgumentNullException.ThrowIfNull(atlassian);
        operatorSites = HostAllowList.Parse(confluence.Value.AllowedSiteHosts);
        apiRoot = atlassian.Value.ApiBaseUrl;
        AddressCheckExemptions = operatorSites.With(HostAllowList.Parse([$"{apiRoot.IdnHost}:{apiRoot.Port}"]));
    }

    /// <summary>
    /// Hosts the operator configured (the allowed sites and Atlassian's API root, which tests and the demo point at the
    /// simulator on loopback): connections to them are not refused for resolving to a private address.
    /// </summary>
    public HostAllowList AddressCheckExemptions { get; }

    /// <summary>Why <paramref name="site"/> cannot be a tenant's site, or null when it can.</summary>
    public string? SiteProblem(Uri site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (!site.IsAbsoluteUri || site.UserInfo.Length > 0 || site.Query.Length > 0 || site.Fragment.Length > 0)
        {
            return "The site URL must be an absolute URL without credentials, query or fragment, for example https://your-domain.atlassian.net.";
        }

        if (operatorSites.Matches(site) && (site.Scheme == Uri.UriSchemeHttps || site.Scheme == Uri.UriSchemeHttp))
        {
            return null;
        }

        return IsAtlassianSite(site) && site.IsDefaultPort && site.AbsolutePath == "/"
            ? null
            : "The site URL must be https://<your-domain>.atlassian.net (nothing after the host name); this gateway reaches no other site.";
    }

    /// <summary>True when a download may follow a redirect to <paramref name="target"/> (credentials never go along).</summary>
    public bool MayRedirectTo(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || target.UserInfo.Length > 0)
        {
            return false;
        }

        return operatorSites.Matches(target) && (target.Scheme == Uri.UriSchemeHttps || target.Scheme == Uri.UriSchemeHttp)
            || (target.Scheme == apiRoot.Scheme && target.IdnHost.Equals(apiRoot.IdnHost, StringComparison.OrdinalIgnoreCase) && target.Port == apiRoot.Port)
            || (target.Scheme == Uri.UriSchemeHttps && target.IsDefaultPort
                && (IsAtlassianSite(target) || target.IdnHost.Equals(MediaHost, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>https on a single-label name directly below atlassian.net, such as <c>acme.atlassian.net</c>.</summary>
    private static bool IsAtlassianSite(Uri url)
    {
        var host = url.IdnHost;
        var suffix = "." + SiteDomain;
        if (url.Scheme != Uri.UriSchemeHttps || !host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var name = host[..^suffix.Length];
        return name.Length is > 0 and <= 63 && !name.Contains('.', StringComparison.Ordinal)
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && name[0] != '-' && name[^1] != '-';
    }
}
