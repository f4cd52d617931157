using System.Net;
using System.Net.Sockets;

namespace Platform.Hosting;

/// <summary>
/// Checks that a TCP port is free before a listener needs it. Orleans binds its ports with address reuse, so a second
/// silo on a taken port would start and silently share it; checking first turns that into one clear error.
/// </summary>
public static class LocalPorts
{
    public static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            probe.Listen();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }

    /// <summary>Throws <see cref="PortInUseException"/> when the port is taken; <paramref name="remedy"/> says what to do.</summary>
    public static void EnsureFree(IPAddress address, int port, string remedy)
    {
        if (!IsFree(address, port))
        {
            throw new PortInUseException($"Port {port} is already in use on {address}; {remedy}");
        }
    }
}
