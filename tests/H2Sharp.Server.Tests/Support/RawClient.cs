using System.Net.Sockets;
using H2Sharp.Events;

namespace H2Sharp.Server.Tests.Support;

/// <summary>
/// A client that does exactly what a test says and nothing more (no window updates unless asked):
/// H2Sharp's core on a plain socket, for the limits a well-behaved client never hits.
/// </summary>
internal sealed class RawClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[65536];

    public RawClient(int port, H2Configuration? config = null)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _socket.Connect("127.0.0.1", port);
        Core = new H2Connection(config ?? new H2Configuration { ClientSide = true });
    }

    public H2Connection Core { get; }

    public List<H2Event> Events { get; } = [];

    public void Start()
    {
        Core.InitiateConnection();
        Flush();
    }

    public void SendRaw(ReadOnlySpan<byte> bytes) => _socket.Send(bytes);

    public void Flush()
    {
        byte[] bytes = Core.DataToSend();
        if (bytes.Length > 0)
        {
            _socket.Send(bytes);
        }
    }

    public int Get(string path, string authority = "localhost")
    {
        int id = Core.GetNextAvailableStreamId();
        Core.SendHeaders(id, [new(":method", "GET"), new(":scheme", "http"), new(":authority", authority), new(":path", path)], endStream: true);
        Flush();
        return id;
    }

    /// <summary>Opens a POST whose body the test then sends with <see cref="SendData"/> (no content-length).</summary>
    public int Post(string path, string authority = "localhost")
    {
        int id = Core.GetNextAvailableStreamId();
        Core.SendHeaders(id, [new(":method", "POST"), new(":scheme", "http"), new(":authority", authority), new(":path", path)], endStream: false);
        Flush();
        return id;
    }

    public void SendData(int id, ReadOnlySpan<byte> data, bool endStream = false)
    {
        Core.SendData(id, data.ToArray(), endStream);
        Flush();
    }

    /// <summary>The :status of the response on <paramref name="id"/>, once read; 0 before.</summary>
    public int Status(int id)
    {
        ResponseReceived? response = Events.OfType<ResponseReceived>().FirstOrDefault(r => r.StreamId == id);
        return response is null ? 0 : int.Parse(response.Headers.First(h => h.NameString == ":status").ValueString, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads until <paramref name="until"/> holds for an event, the server closes (false), or the timeout passes (throws).</summary>
    public bool ReadUntil(Func<H2Event, bool> until, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("The server did not send what the test waited for.");
            }
            _socket.ReceiveTimeout = (int)Math.Max(1, left.TotalMilliseconds);
            int n;
            try
            {
                n = _socket.Receive(_buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                throw new TimeoutException("The server did not send what the test waited for.");
            }
            catch (SocketException)
            {
                return false; // reset by the server
            }
            if (n == 0)
            {
                return false;
            }
            foreach (H2Event e in Core.ReceiveData(_buffer.AsSpan(0, n)))
            {
                Events.Add(e);
                if (until(e))
                {
                    Flush();
                    return true;
                }
            }
            Flush();
        }
    }

    /// <summary>Whether the server closed the socket within the timeout (after whatever it sent).</summary>
    public bool ClosedWithin(TimeSpan timeout)
    {
        try
        {
            return !ReadUntil(_ => false, timeout);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
