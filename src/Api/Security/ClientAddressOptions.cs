using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Platform.Api.Security;

/// <summary>
/// Section <c>ClientAddress</c>: the reverse proxies (ingress) whose <c>X-Forwarded-For</c> names the real client. Empty
/// (the default): the peer of the connection is the client. Behind an ingress, list its addresses or networks
/// (<c>10.0.0.0/8</c>), or every client shares the ingress' address and its failure allowance.
/// </summary>
public sealed class ClientAddressOptions
{
    public const string Section = "ClientAddress";

    public IList<string> TrustedProxies { get; } = [];

    /// <summary>The first entry that is neither an address nor a network, or null.</summary>
    public string? FirstInvalid() => TrustedProxies.FirstOrDefault(entry => !IPAddress.TryParse(entry, out _) && !System.Net.IPNetwork.TryParse(entry, out _));

    public ForwardedHeadersOptions ToForwardedHeaders()
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in TrustedProxies)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
            else
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
        }

        return forwarded;
    }
}
