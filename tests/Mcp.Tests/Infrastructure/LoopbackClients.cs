using System.Net;
using System.Net.Sockets;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>Clients that appear to the gateway as distinct addresses.</summary>
public static class LoopbackClients
{
    /// <summary>A client whose connections come from <paramref name="localAddress"/> (any 127.x address is loopback on Linux).</summary>
    public static HttpClient From(string localAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
