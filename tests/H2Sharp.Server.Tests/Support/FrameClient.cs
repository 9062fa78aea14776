using System.Buffers.Binary;
using System.Net.Sockets;

namespace H2Sharp.Server.Tests.Support;

/// <summary>
/// A client of bare bytes, for what H2Sharp's own client core would refuse to send (streams past
/// the peer's limit, streams after GOAWAY, PINGs left unanswered): frames are written by hand and
/// read back undecoded. Requests use only HPACK static-table entries.
/// </summary>
internal sealed class FrameClient : IDisposable
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[65536];
    private readonly List<byte> _pending = [];

    public FrameClient(int port)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _socket.Connect("127.0.0.1", port);
    }

    /// <summary>Whether SETTINGS are acknowledged as they come (a PING is never answered unless asked).</summary>
    public bool AckSettings { get; set; } = true;

    public List<RawFrame> Frames { get; } = [];

    /// <summary>The preface and an empty SETTINGS.</summary>
    public void Start()
    {
        _socket.Send(Preface);
        Send(RawFrame.Settings, 0, 0, []);
    }

    public void Send(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        byte[] frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame.AsSpan(9));
        _socket.Send(frame);
    }

    /// <summary>
    /// GET, ending the stream: ":method GET", ":scheme http" and ":path /" (or ":path /index.html"
    /// when <paramref name="index"/>), all from the HPACK static table.
    /// </summary>
    public void Get(int streamId, bool index = false) =>
        Send(RawFrame.Headers, RawFrame.EndHeaders | RawFrame.EndStream, streamId, [0x82, 0x86, index ? (byte)0x85 : (byte)0x84]);

    /// <summary>
    /// Reads frames until <paramref name="until"/> holds for one (true), the server closes (false),
    /// or the timeout passes (throws TimeoutException).
    /// </summary>
    public bool ReadUntil(Func<RawFrame, bool> until, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            while (TryTakeFrame(out RawFrame? frame))
            {
                Frames.Add(frame);
                if (AckSettings && frame.Type == RawFrame.Settings && !frame.Has(RawFrame.Ack))
                {
                    Send(RawFrame.Settings, RawFrame.Ack, 0, []);
                }
                if (until(frame))
                {
                    return true;
                }
            }
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
                return false;
            }
            if (n == 0)
            {
                return false;
            }
            _pending.AddRange(_buffer.AsSpan(0, n));
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

    private bool TryTakeFrame(out RawFrame frame)
    {
        frame = null!;
        if (_pending.Count < 9)
        {
            return false;
        }
        int length = (_pending[0] << 16) | (_pending[1] << 8) | _pending[2];
        if (_pending.Count < 9 + length)
        {
            return false;
        }
        byte[] head = [.. _pending.GetRange(0, 9)];
        byte[] payload = [.. _pending.GetRange(9, length)];
        _pending.RemoveRange(0, 9 + length);
        frame = new RawFrame(head[3], head[4], BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(5)) & 0x7FFF_FFFF, payload);
        return true;
    }

    public void Dispose() => _socket.Dispose();
}
