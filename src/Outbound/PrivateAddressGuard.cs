using System.Net;
using System.Net.Sockets;

namespace Platform.Outbound;

/// <summary>
/// The SSRF defence for every outbound connection whose destination a tenant or a stranger can influence: connects only
/// to public addresses. The check runs on the resolved address when a connection is opened (once per pooled connection,
/// not per request), so DNS tricks (a name resolving to 127.0.0.1, rebinding between a check and the use) cannot reach
/// loopback, private, link-local or cloud-metadata addresses. Hosts on the operator's allow list are exempt. The
/// handler follows no redirects: its callers decide which, if any, to follow.
/// </summary>
public static class PrivateAddressGuard
{
    public static SocketsHttpHandler CreateHandler(HostAllowList exempt, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(exempt);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(exempt, context.DnsEndPoint, cancellationToken),
        };
    }

    public static async ValueTask<Stream> ConnectAsync(HostAllowList exempt, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exempt);
        ArgumentNullException.ThrowIfNull(endpoint);
        var isExempt = exempt.Matches(endpoint.Host, endpoint.Port);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => isExempt || IsPublic(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new DestinationRefusedException(
                $"'{endpoint.Host}' resolves only to private, loopback, link-local or metadata addresses, which this gateway does not connect to.");
        }

        // Each allowed address in turn (a name may resolve to an IPv6 address nothing listens on first).
        for (var i = 0; ; i++)
        {
            var socket = new Socket(allowed[i].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(allowed[i], endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (i < allowed.Count - 1)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
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
            var bytes = address.GetAddressBytes();
            if (EmbeddedIPv4(bytes) is { } embedded)
            {
                return IsPublic(embedded);
            }

            // Link-local, site-local, unique local (fc00::/7) and multicast.
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC);
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

    /// <summary>The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries, judged as itself.</summary>
    private static IPAddress? EmbeddedIPv4(byte[] bytes) => bytes switch
    {
        [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0, ..] => new IPAddress(bytes[12..16]),
        [0x20, 0x02, ..] => new IPAddress(bytes[2..6]),
        _ => null,
    };
}
