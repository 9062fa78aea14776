using System.Net.Sockets;
using H2Sharp.Events;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// One H2Connection over a blocking socket, for talking to real peers: it sends what the
/// connection queues, feeds it what arrives (waits bounded by Socket.Poll), keeps a record per
/// stream, gives flow-control credit back with AcknowledgeReceivedData, and sends queued bodies
/// (then trailers) as the peer's windows allow.
/// </summary>
internal sealed class H2SocketDriver : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[65536];
    private readonly List<PendingBody> _pending = new();
    private readonly MemoryStream? _inbound;
    private readonly List<H2StreamRecord> _completed = new();

    public H2SocketDriver(Socket socket, H2Configuration config, bool recordInbound = false)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true) { WriteTimeout = 15000 };
        Connection = new H2Connection(config);
        _inbound = recordInbound ? new MemoryStream() : null;
    }

    public H2Connection Connection { get; }

    public Dictionary<int, H2StreamRecord> Streams { get; } = new();

    /// <summary>Every event ReceiveData returned, in order.</summary>
    public List<H2Event> Events { get; } = new();

    /// <summary>The connection error ReceiveData threw, if any (its GOAWAY was sent).</summary>
    public ProtocolException? ConnectionError { get; private set; }

    public ConnectionTerminated? GoAway { get; private set; }

    public bool PeerClosed { get; private set; }

    /// <summary>Called (server side) when a request's stream ends: answer with <see cref="SendResponse"/>.</summary>
    public Action<H2SocketDriver, H2StreamRecord>? RequestComplete { get; set; }

    /// <summary>Every byte received, when recording was asked for.</summary>
    public byte[] Inbound => _inbound?.ToArray() ?? Array.Empty<byte>();

    public static H2SocketDriver ConnectClient(int port, H2Configuration? config = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(System.Net.IPAddress.Loopback, port);
        var driver = new H2SocketDriver(socket, config ?? new H2Configuration { ClientSide = true });
        driver.Connection.InitiateConnection();
        driver.Flush();
        return driver;
    }

    public H2StreamRecord Stream(int streamId)
    {
        if (!Streams.TryGetValue(streamId, out H2StreamRecord? record))
        {
            record = new H2StreamRecord(streamId);
            Streams[streamId] = record;
        }
        return record;
    }

    /// <summary>Writes everything the connection has queued.</summary>
    public void Flush()
    {
        while (Connection.OutboundDataLength > 0)
        {
            ReadOnlyMemory<byte> pending = Connection.PendingOutboundData;
            _stream.Write(pending.Span);
            Connection.AdvanceOutbound(pending.Length);
        }
    }

    /// <summary>Opens a request stream (client side); the body and trailers follow as windows allow.</summary>
    public H2StreamRecord SendRequest(string method, string authority, string path, byte[]? body = null,
        IEnumerable<HeaderField>? extraHeaders = null, List<HeaderField>? trailers = null)
    {
        int id = Connection.GetNextAvailableStreamId();
        var headers = new List<HeaderField>
        {
            new(":method", method), new(":scheme", "http"), new(":authority", authority), new(":path", path),
        };
        if (extraHeaders is not null)
        {
            headers.AddRange(extraHeaders);
        }
        bool hasBody = body is { Length: > 0 } || trailers is not null;
        Connection.SendHeaders(id, headers, endStream: !hasBody);
        if (hasBody)
        {
            _pending.Add(new PendingBody(id, body ?? Array.Empty<byte>(), trailers));
            SendPending();
        }
        Flush();
        return Stream(id);
    }

    /// <summary>Answers a stream (server side): headers, then the body and trailers as windows allow.</summary>
    public void SendResponse(int streamId, List<HeaderField> headers, byte[]? body, List<HeaderField>? trailers = null)
    {
        bool hasBody = body is { Length: > 0 } || trailers is not null;
        Connection.SendHeaders(streamId, headers, endStream: !hasBody);
        if (hasBody)
        {
            _pending.Add(new PendingBody(streamId, body ?? Array.Empty<byte>(), trailers));
            SendPending();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for bytes, feeds them in and handles the events.
    /// Returns false when the peer closed the connection or a connection error happened.
    /// </summary>
    public bool PumpOnce(TimeSpan wait)
    {
        if (PeerClosed || ConnectionError is not null)
        {
            return false;
        }
        if (!_socket.Poll((int)Math.Max(1, wait.TotalMicroseconds), SelectMode.SelectRead))
        {
            return true;
        }
        int n;
        try
        {
            n = _stream.Read(_buffer);
        }
        catch (IOException)
        {
            n = 0;
        }
        if (n == 0)
        {
            PeerClosed = true;
            return false;
        }
        _inbound?.Write(_buffer, 0, n);
        Feed(_buffer.AsSpan(0, n));
        return ConnectionError is null;
    }

    /// <summary>Pumps until <paramref name="done"/> holds; fails the test on timeout or a closed connection.</summary>
    public void RunUntil(Func<bool> done, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!done())
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"Timed out after {timeoutSeconds} s. {Describe()}");
            bool alive = PumpOnce(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
            if (!alive && !done())
            {
                Assert.Fail($"The connection ended first (peer closed: {PeerClosed}, error: {ConnectionError?.ErrorCode} {ConnectionError?.Message}). {Describe()}");
            }
        }
    }

    /// <summary>Pumps until the peer closes the connection (or the timeout passes; then fails).</summary>
    public void RunUntilClosed(int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (PumpOnce(TimeSpan.FromMilliseconds(200)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The peer did not close within {timeoutSeconds} s. {Describe()}");
        }
    }

    public string Describe() =>
        $"Events: {string.Join("; ", Events.Select(e => e.GetType().Name))}. Streams: {string.Join(" | ", Streams.Values)}";

    public void Dispose() => _stream.Dispose();

    private void Feed(ReadOnlySpan<byte> data)
    {
        IReadOnlyList<H2Event> events;
        try
        {
            events = Connection.ReceiveData(data);
        }
        catch (ProtocolException ex)
        {
            ConnectionError = ex;
            Flush();
            return;
        }
        foreach (H2Event e in events)
        {
            Events.Add(e);
            Handle(e);
        }
        // Answer requests only after the whole batch: a later event in it may have reset the stream.
        foreach (H2StreamRecord request in _completed)
        {
            if (request.ResetCode is null)
            {
                RequestComplete?.Invoke(this, request);
            }
        }
        _completed.Clear();
        SendPending();
        Flush();
    }

    private void Handle(H2Event e)
    {
        switch (e)
        {
            case RequestReceived r:
                Stream(r.StreamId).Headers = H2StreamRecord.Copy(r.Headers);
                break;
            case ResponseReceived r:
                Stream(r.StreamId).Headers = H2StreamRecord.Copy(r.Headers);
                break;
            case InformationalResponseReceived r:
                Stream(r.StreamId).Informational.Add(H2StreamRecord.Copy(r.Headers));
                break;
            case TrailersReceived t:
                Stream(t.StreamId).Trailers = H2StreamRecord.Copy(t.Headers);
                break;
            case PushedStreamReceived p:
                H2StreamRecord pushed = Stream(p.PushedStreamId);
                pushed.PushedFrom = p.ParentStreamId;
                pushed.PromisedRequest = H2StreamRecord.Copy(p.Headers);
                break;
            case DataReceived d:
                Stream(d.StreamId).AppendBody(d.Data.Span);
                Connection.AcknowledgeReceivedData(d.FlowControlledLength, d.StreamId);
                break;
            case StreamEnded s:
                H2StreamRecord ended = Stream(s.StreamId);
                ended.Ended = true;
                if (ended.Headers is not null && !Connection.Config.ClientSide)
                {
                    _completed.Add(ended);
                }
                break;
            case StreamReset r:
                H2StreamRecord reset = Stream(r.StreamId);
                reset.ResetCode = r.ErrorCode;
                reset.RemoteReset = r.RemoteReset;
                _pending.RemoveAll(p => p.StreamId == r.StreamId);
                break;
            case ConnectionTerminated t:
                GoAway = t;
                break;
        }
    }

    private void SendPending()
    {
        for (int i = 0; i < _pending.Count; i++)
        {
            PendingBody body = _pending[i];
            if (body.Offset < body.Data.Length)
            {
                body.Offset += Connection.SendAvailableData(body.StreamId, body.Data.AsSpan(body.Offset), endStream: body.Trailers is null);
            }
            if (body.Offset == body.Data.Length)
            {
                if (body.Trailers is not null)
                {
                    Connection.SendHeaders(body.StreamId, body.Trailers, endStream: true);
                }
                _pending.RemoveAt(i--);
            }
        }
    }

    private sealed class PendingBody(int streamId, byte[] data, List<HeaderField>? trailers)
    {
        public int StreamId { get; } = streamId;
        public byte[] Data { get; } = data;
        public List<HeaderField>? Trailers { get; } = trailers;
        public int Offset { get; set; }
    }
}
