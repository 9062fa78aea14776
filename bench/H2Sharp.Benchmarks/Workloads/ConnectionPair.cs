using System.Buffers;
using System.Buffers.Text;
using H2Sharp.Benchmarks.Runner;
using H2Sharp.Events;

namespace H2Sharp.Benchmarks.Workloads;

/// <summary>
/// W1/W2's client and server connections joined by an ideal in-memory pipe
/// (bench/WORKLOADS.md, settled details), with the anchors' counters and checks.
/// The loop alternates client, server, client until no bytes move; the server answers every
/// request (W1: 1,024-byte body in one DATA frame, waiting for window; W2: 64 MiB in DATA frames
/// of min(frame size, window, remaining)); the client acknowledges every DataReceived.
/// </summary>
public sealed class ConnectionPair
{
    /// <summary>W1's body length.</summary>
    public const int W1Body = 1024;

    /// <summary>W2's body length: 64 MiB.</summary>
    public const long W2Body = 64L * 1024 * 1024;

    /// <summary>Requests per W1 batch (the default SETTINGS_MAX_CONCURRENT_STREAMS).</summary>
    public const int Batch = 100;

    private static readonly byte[] Pattern = CreatePattern();
    private static readonly HeaderField[] W1Response = Fields(
        (":status", "200"), ("content-type", "application/json"), ("content-length", "1024"),
        ("server", "bench-server/1.0"), ("cache-control", "no-cache"));

    private static readonly HeaderField[] W2Response = Fields(
        (":status", "200"), ("content-type", "application/octet-stream"), ("content-length", "67108864"),
        ("server", "bench-server/1.0"), ("cache-control", "no-cache"));

    private static readonly byte[] PathName = ":path"u8.ToArray();
    private static readonly byte[] StatusName = ":status"u8.ToArray();

    private readonly long _bodyLength;
    private readonly HeaderField[] _request = Fields(
        (":method", "GET"), (":scheme", "https"), (":authority", "example.com"), (":path", "/"),
        ("user-agent", "bench-client/1.0"),
        ("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ("accept-encoding", "gzip, deflate, br"), ("accept-language", "en-US,en;q=0.5"),
        ("cookie", "session=0123456789abcdef0123456789abcdef"));

    // The encoder copies what it sends, so one path buffer serves every request.
    private readonly byte[] _path = new byte[32];
    private readonly List<int> _deferred = new();
    private readonly ArrayBufferWriter<byte>? _capture;
    private long _n;

    // W2: the one response in progress.
    private int _w2Stream;
    private long _w2Left;

    /// <summary>Creates the pair and exchanges the prefaces and SETTINGS.</summary>
    /// <param name="bodyLength"><see cref="W1Body"/> or <see cref="W2Body"/>.</param>
    /// <param name="capture">If set, receives every byte the server receives (W4).</param>
    public ConnectionPair(long bodyLength, ArrayBufferWriter<byte>? capture = null)
    {
        _bodyLength = bodyLength;
        _capture = capture;
        Client = new H2Connection(new H2Configuration { ClientSide = true, MaxConcurrentStreams = 100 });
        Server = new H2Connection(new H2Configuration { ClientSide = false, MaxConcurrentStreams = 100 });
        Client.InitiateConnection();
        Server.InitiateConnection();
        Pump();
    }

    public H2Connection Client { get; }

    public H2Connection Server { get; }

    public long Sent { get; private set; }

    public long ReqReceived { get; private set; }

    public long ReqEnded { get; private set; }

    public long ReqFields { get; private set; }

    public long SrvClosed { get; private set; }

    public long RespReceived { get; private set; }

    public long RespEnded { get; private set; }

    public long CliClosed { get; private set; }

    public long BodyBytes { get; private set; }

    public long BadStatus { get; private set; }

    public long DataFrames { get; private set; }

    public long Deferrals { get; private set; }

    /// <summary>W1's request fields (path "/") and a path buffer starting "/resource/".</summary>
    public static HeaderField[] RequestFields(out byte[] path)
    {
        path = new byte[32];
        "/resource/"u8.CopyTo(path);
        return Fields(
            (":method", "GET"), (":scheme", "https"), (":authority", "example.com"), (":path", "/"),
            ("user-agent", "bench-client/1.0"),
            ("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("accept-encoding", "gzip, deflate, br"), ("accept-language", "en-US,en;q=0.5"),
            ("cookie", "session=0123456789abcdef0123456789abcdef"));
    }

    /// <summary>Submits <paramref name="count"/> GET requests with END_STREAM.</summary>
    public void SendRequests(int count)
    {
        for (int i = 0; i < count; i++)
        {
            "/resource/"u8.CopyTo(_path);
            Utf8Formatter.TryFormat(_n++, _path.AsSpan(10), out int digits);
            _request[3] = new HeaderField(PathName, _path.AsMemory(0, 10 + digits));
            Client.SendHeaders(Client.GetNextAvailableStreamId(), _request, endStream: true);
        }

        Sent += count;
    }

    /// <summary>One W1 batch: 100 requests, pumped until quiet; checks the batch completed.</summary>
    public void RunBatch()
    {
        SendRequests(Batch);
        Pump();
        if (CliClosed != Sent || Client.OpenOutboundStreams != 0 || Server.OpenInboundStreams != 0)
        {
            throw new BenchFailure($"batch did not complete: {CliClosed}/{Sent} closed; streams left open: client {Client.OpenOutboundStreams}, server {Server.OpenInboundStreams}");
        }
    }

    /// <summary>Moves bytes client, server, client ... until no bytes move.</summary>
    public void Pump()
    {
        bool moved;
        do
        {
            moved = false;
            int n = Client.OutboundDataLength;
            if (n > 0)
            {
                moved = true;
                ReadOnlyMemory<byte> bytes = Client.PendingOutboundData;
                _capture?.Write(bytes.Span);
                var events = Server.ReceiveData(bytes);
                Client.AdvanceOutbound(n);
                OnServerEvents(events);
            }

            n = Server.OutboundDataLength;
            if (n > 0)
            {
                moved = true;
                // Bodies are lent from the server's outbound buffer (ReceiveData(ReadOnlyMemory)):
                // the events are read before that buffer is advanced and written again.
                var events = Client.ReceiveData(Server.PendingOutboundData);
                OnClientEvents(events);
                Server.AdvanceOutbound(n);
            }
        }
        while (moved);
    }

    /// <summary>The anchors' <c>pair_verify</c>: every counter matches the requests sent.</summary>
    public void Verify()
    {
        long n = Sent;
        BenchFailure.Check(ReqReceived == n, $"server saw {ReqReceived} requests of {n}");
        BenchFailure.Check(ReqEnded == n, $"server saw {ReqEnded} request ends");
        BenchFailure.Check(ReqFields == n * 9, $"server saw {ReqFields} fields");
        BenchFailure.Check(SrvClosed == n, $"server closed {SrvClosed} streams");
        BenchFailure.Check(RespReceived == n, $"client saw {RespReceived} responses");
        BenchFailure.Check(RespEnded == n, $"client saw {RespEnded} response ends");
        BenchFailure.Check(CliClosed == n, $"client closed {CliClosed} streams");
        BenchFailure.Check(BadStatus == 0, "bad :status");
        BenchFailure.Check(BodyBytes == n * _bodyLength, $"client got {BodyBytes} body bytes");
        BenchFailure.Check(_deferred.Count == 0, "deferred bodies left");
        BenchFailure.Check(Client.OpenOutboundStreams == 0 && Server.OpenInboundStreams == 0, "streams left open");
    }

    private void OnServerEvents(IReadOnlyList<H2Event> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case RequestReceived r:
                    ReqReceived++;
                    ReqFields += r.Headers.Count;
                    if (r.StreamEnded is not null)
                    {
                        Respond(r.StreamId);
                    }

                    break;
                case StreamEnded:
                    ReqEnded++;
                    break;
                case WindowUpdated:
                    Resume();
                    break;
                case StreamReset s:
                    throw new BenchFailure($"server stream {s.StreamId} reset with {s.ErrorCode}");
                case ConnectionTerminated t:
                    throw new BenchFailure($"server connection terminated: {t.ErrorCode}");
            }
        }
    }

    private void OnClientEvents(IReadOnlyList<H2Event> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case ResponseReceived r:
                    RespReceived++;
                    CheckStatus(r.Headers);
                    break;
                case DataReceived d:
                    DataFrames++;
                    // W1: the body must arrive as one DATA frame of 1024 bytes with END_STREAM.
                    // The message is built only on failure: formatting it per frame cost a string per request.
                    if (_bodyLength == W1Body && (d.Length != W1Body || d.StreamEnded is null))
                    {
                        throw new BenchFailure($"W1 DATA frame of {d.Length} bytes");
                    }

                    BodyBytes += d.Length;
                    Client.AcknowledgeReceivedData(d.FlowControlledLength, d.StreamId);
                    break;
                case StreamEnded:
                    RespEnded++;
                    CliClosed++; // the request ended the client's side already: the stream is closed
                    break;
                case StreamReset s:
                    throw new BenchFailure($"client stream {s.StreamId} reset with {s.ErrorCode}");
                case ConnectionTerminated t:
                    throw new BenchFailure($"client connection terminated: {t.ErrorCode}");
            }
        }
    }

    private void CheckStatus(IReadOnlyList<HeaderField> headers)
    {
        for (int i = 0; i < headers.Count; i++)
        {
            if (headers[i].Name.Span.SequenceEqual(StatusName) && !headers[i].Value.Span.SequenceEqual("200"u8))
            {
                BadStatus++;
            }
        }
    }

    private void Respond(int streamId)
    {
        if (_bodyLength == W1Body)
        {
            Server.SendHeaders(streamId, W1Response);
            if (!TrySendW1Body(streamId))
            {
                _deferred.Add(streamId);
                Deferrals++;
            }

            return;
        }

        Server.SendHeaders(streamId, W2Response);
        _w2Stream = streamId;
        _w2Left = _bodyLength;
        SendW2Body();
    }

    private bool TrySendW1Body(int streamId)
    {
        // W1 bodies are never split: wait until the whole body fits the windows.
        if (Server.LocalFlowControlWindow(streamId) < W1Body)
        {
            return false;
        }

        Server.SendData(streamId, Pattern.AsSpan(0, W1Body), endStream: true);
        SrvClosed++;
        return true;
    }

    private void SendW2Body()
    {
        // Each DATA frame carries min(frame size, window, remaining); SendAvailableData cuts them.
        while (_w2Left > 0)
        {
            int chunk = (int)Math.Min(_w2Left, Pattern.Length);
            int sent = Server.SendAvailableData(_w2Stream, Pattern.AsSpan(0, chunk), endStream: chunk == _w2Left);
            _w2Left -= sent;
            if (sent < chunk)
            {
                Deferrals++;
                return;
            }
        }

        _w2Stream = 0;
        SrvClosed++;
    }

    private void Resume()
    {
        if (_w2Stream != 0)
        {
            SendW2Body();
            return;
        }

        int kept = 0;
        for (int i = 0; i < _deferred.Count; i++)
        {
            if (!TrySendW1Body(_deferred[i]))
            {
                _deferred[kept++] = _deferred[i];
            }
        }

        _deferred.RemoveRange(kept, _deferred.Count - kept);
    }

    private static byte[] CreatePattern()
    {
        var pattern = new byte[16384];
        for (int i = 0; i < pattern.Length; i++)
        {
            pattern[i] = (byte)('a' + (i % 26));
        }

        return pattern;
    }

    private static HeaderField[] Fields(params (string Name, string Value)[] fields)
    {
        var result = new HeaderField[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            result[i] = new HeaderField(fields[i].Name, fields[i].Value);
        }

        return result;
    }
}
