using System.Net;
using System.Net.Sockets;

namespace Platform.Api.OAuth;

/// <summary>
/// Connects only to public addresses: the SSRF defence for fetching URLs a stranger chose. The check runs on the
/// resolved address at connect time, so DNS tricks (a name resolving to 127.0.0.1, rebinding between check and use)
/// cannot reach the cluster's own network. Hosts on the operator's allow list are exempt.
/// </summary>
public static class PrivateAddressGuard
{
    public static SocketsHttpHandler CreateHandler(ClientMetadataOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = options.FetchTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var endpoint = context.DnsEndPoint;
            var exempt = options.AllowedPrivateHosts.Contains($"{endpoint.Host}:{endpoint.Port}", StringComparer.OrdinalIgnoreCase);
            var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
            var address = addresses.FirstOrDefault(a => exempt || IsPublic(a))
                ?? throw new HttpRequestException($"'{endpoint.Host}' resolves only to private, loopback or link-local addresses, which are not fetched.");
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            // Link-local, site-local, unique local (fc00::/7) and multicast.
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224                // this network, private, loopback, multicast/reserved
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)                           // carrier-grade NAT
            || (b[0] == 169 && b[1] == 254)                                         // link-local, cloud metadata (169.254.169.254)
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)                              // IETF protocol assignments
            || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));                        // benchmarking
    }
}
