using System.ComponentModel.DataAnnotations;
using Platform.Outbound;

namespace Platform.Api.OAuth;

/// <summary>Section <c>OAuth</c>: the tenants' authorization servers.</summary>
public sealed class OAuthOptions
{
    public const string Section = "OAuth";

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a just-rotated refresh token may still be presented (a client's concurrent refreshes); after that,
    /// presenting it again is reuse and revokes the whole grant.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an Api pod trusts that an access token's grant and client are still allowed before asking again. Bounds
    /// how long a revoked grant or a blocked client keeps working; signature, audience and expiry are checked on every call.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan GrantCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How a signed-in browser session lasts (sliding), for consent now and for the people's console later.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan SignInSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public ClientMetadataOptions ClientMetadata { get; set; } = new();
}

/// <summary>Section <c>OAuth:ClientMetadata</c>: fetching Client ID Metadata Documents (SSRF-safe).</summary>
public sealed class ClientMetadataOptions
{
    /// <summary>
    /// Host patterns (<c>host:port</c>, see <see cref="HostAllowList"/>) that may be fetched even though they resolve to loopback, private, link-local or metadata
    /// addresses. Empty in production; a test or an on-premises deployment names its own hosts here.
    /// </summary>
    public IList<string> AllowedPrivateHosts { get; } = [];

    [Range(typeof(TimeSpan), "00:00:01", "00:00:30")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1024, 1024 * 1024)]
    public int MaxDocumentBytes { get; set; } = 16 * 1024;

    /// <summary>The fetcher's connections: public addresses only, but for <see cref="AllowedPrivateHosts"/>; no redirects.</summary>
    public SocketsHttpHandler CreateFetchHandler() => PrivateAddressGuard.CreateHandler(HostAllowList.Parse(AllowedPrivateHosts), FetchTimeout);

    /// <summary>How long a fetched document is used before it is fetched again (the document's max-age, if shorter, wins).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(10);
}
