using System.Net;
using System.Net.Sockets;

namespace H2Sharp.Http.Tests.Support;

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
    public static async Task WaitForListenerAsync(int port, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        Assert.Fail($"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds} s.");
    }

    /// <summary>Deterministic body bytes: byte i is (i * 31 + 7) mod 251.</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31L + 7) % 251);
        }

        return bytes;
    }
}
