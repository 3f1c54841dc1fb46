using System.Net;
using System.Net.Sockets;

namespace EdgeAspire.Hosting.Local;

internal static class FreePort
{
    /// <summary>A loopback port the OS considers free now. Another process could take it before the child binds it;
    /// the child then fails to start and is restarted on the same port, which is rare enough on a laptop.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
