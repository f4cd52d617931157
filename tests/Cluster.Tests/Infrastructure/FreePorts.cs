using System.Net;
using System.Net.Sockets;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// Loopback ports for the processes tests start. Chosen below the kernel's ephemeral range (32768–60999 on Linux):
/// a port the kernel hands out and this process releases can be taken by any outgoing connection before the child
/// binds it, which made process starts fail with "address already in use" now and then. Never the same port twice in
/// one process; a random start keeps parallel test processes apart.
/// </summary>
internal static class FreePorts
{
    private const int First = 20_000;
    private const int Count = 12_000;
    private static int next = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
