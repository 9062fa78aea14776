using System.Net;
using System.Net.Sockets;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>Loopback helpers: every server in these tests binds 127.0.0.1 only.</summary>
internal static class Loopback
{
    /// <summary>A TCP port that was free on 127.0.0.1 a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts TCP connections on the port, or fails after the timeout.</summary>
    public static void WaitForListener(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        Assert.Fail($"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds} s.");
    }
}
