using System.Net;
using System.Net.Sockets;

namespace Dynamo.Local.Store;

/// <summary>A TCP port on loopback that nothing listened on a moment ago.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
