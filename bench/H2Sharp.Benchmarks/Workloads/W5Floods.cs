using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using H2Sharp.Benchmarks.Runner;
using H2Sharp.Events;

namespace H2Sharp.Benchmarks.Workloads;

/// <summary>
/// W5: per-frame cost. A stream of minimal frames from a client, built byte for byte (the same
/// bytes as bench/anchors' nghttp2 harness builds), fed in 16 KiB slices to a fresh server whose
/// outbound bytes are drained after every slice (a reading peer). Three shapes:
/// <list type="bullet">
/// <item><c>dribble</c>: one open stream, then pairs of a 1-byte DATA frame and a WINDOW_UPDATE of
/// 1 on the connection; the server acknowledges every DATA byte (windows reopen at half).</item>
/// <item><c>ping</c>: PING frames (no ACK), each answered with a PING ACK.</item>
/// <item><c>settings</c>: SETTINGS frames of two entries that change nothing, each answered with
/// a SETTINGS ACK (two entries keep a slice under nghttp2's 1,000 queued ACKs).</item>
/// </list>
/// Figure: frames per second (the preface frames left out). Each replay checks the events and the
/// answer bytes exactly.
/// </summary>
internal sealed class W5Floods : IWorkload
{
    /// <summary>Frames per replay (dribble: half DATA, half WINDOW_UPDATE).</summary>
    public const int Frames = 200_000;

    public string Name => "W5";

    public int Run(RunSettings settings)
    {
        foreach (W5Shape shape in new[] { W5Shape.Dribble, W5Shape.Ping, W5Shape.Settings })
        {
            var flood = new W5Flood(shape, Frames);
            RateMeter.MeasureRuns($"W5 {flood.Label} frames/s", settings, minSeconds =>
            {
                double elapsed = 0;
                double cpu = 0;
                long replays = 0;
                while (elapsed < minSeconds)
                {
                    (double seconds, double cpuSeconds) = flood.ReplayTimed();
                    elapsed += seconds;
                    cpu += cpuSeconds;
                    replays++;
                }

                return ((double)Frames * replays, elapsed, cpu);
            }, suffix: null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"W5 {flood.Label}: stream {flood.Stream.Length} bytes, {Frames} frames; bytes allocated/frame: {flood.AllocatedPerFrame():F1}"));
        }

        return 0;
    }
}

/// <summary>The three W5 shapes.</summary>
public enum W5Shape
{
    /// <summary>1-byte DATA plus WINDOW_UPDATE of 1.</summary>
    Dribble,

    /// <summary>PING flood.</summary>
    Ping,

    /// <summary>SETTINGS flood.</summary>
    Settings,
}

/// <summary>One W5 stream and its replay (shared by the runner and BenchmarkDotNet).</summary>
public sealed class W5Flood
{
    private const int Slice = 16 * 1024;

    private readonly W5Shape _shape;
    private readonly int _frames;

    /// <summary>Builds the client's byte stream: preface, SETTINGS, SETTINGS ACK, then the flood.</summary>
    public W5Flood(W5Shape shape, int frames)
    {
        _shape = shape;
        _frames = frames;
        var s = new List<byte>(frames * 24);
        s.AddRange("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        Frame(s, 0x4, 0, 0, []); // SETTINGS, empty
        Frame(s, 0x4, 0x1, 0, []); // SETTINGS ACK (the server's SETTINGS went out at start)
        switch (shape)
        {
            case W5Shape.Dribble:
                // HEADERS on stream 1, END_HEADERS: :method GET, :scheme https, :path /, :authority example.com.
                byte[] block = [0x82, 0x87, 0x84, 0x41, 11, .. "example.com"u8.ToArray()];
                Frame(s, 0x1, 0x4, 1, block);
                for (int i = 0; i < frames / 2; i++)
                {
                    Frame(s, 0x0, 0, 1, [(byte)'x']);
                    Frame(s, 0x8, 0, 0, [0, 0, 0, 1]);
                }

                break;
            case W5Shape.Ping:
                var opaque = new byte[8];
                for (int i = 0; i < frames; i++)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(opaque, (ulong)i);
                    Frame(s, 0x6, 0, 0, opaque);
                }

                break;
            default:
                // HEADER_TABLE_SIZE 4096 and INITIAL_WINDOW_SIZE 65535: both the defaults.
                byte[] entries = [0, 1, 0, 0, 0x10, 0, 0, 4, 0, 0, 0xff, 0xff];
                for (int i = 0; i < frames; i++)
                {
                    Frame(s, 0x4, 0, 0, entries);
                }

                break;
        }

        Stream = s.ToArray();
    }

    /// <summary>dribble, ping or settings.</summary>
    public string Label => _shape.ToString().ToLowerInvariant();

    /// <summary>The client's bytes.</summary>
    public byte[] Stream { get; }

    /// <summary>One replay; wall and process CPU seconds of the feeding (server setup excluded).</summary>
    public (double Seconds, double CpuSeconds) ReplayTimed()
    {
        var server = NewServer();
        double cpuStart = RateMeter.CpuSeconds();
        long start = Stopwatch.GetTimestamp();
        var counts = Feed(server);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cpuSeconds = RateMeter.CpuSeconds() - cpuStart;
        Check(counts);
        return (seconds, cpuSeconds);
    }

    /// <summary>One replay with setup, for BenchmarkDotNet.</summary>
    public long Replay()
    {
        Check(Feed(NewServer()));
        return _frames;
    }

    /// <summary>Bytes allocated on this thread per flood frame, over 2 warm replays.</summary>
    public double AllocatedPerFrame()
    {
        Replay();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Replay();
        Replay();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (2.0 * _frames);
    }

    private static void Frame(List<byte> s, byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        s.Add((byte)(payload.Length >> 16));
        s.Add((byte)(payload.Length >> 8));
        s.Add((byte)payload.Length);
        s.Add(type);
        s.Add(flags);
        s.Add((byte)(streamId >> 24));
        s.Add((byte)(streamId >> 16));
        s.Add((byte)(streamId >> 8));
        s.Add((byte)streamId);
        s.AddRange(payload);
    }

    private static H2Connection NewServer()
    {
        var server = new H2Connection(new H2Configuration { ClientSide = false, MaxConcurrentStreams = 100 });
        server.InitiateConnection();
        server.AdvanceOutbound(server.OutboundDataLength);
        return server;
    }

    private (long Data, long DataBytes, long Windows, long Pings, long Settings, long Out, bool Request) Feed(H2Connection server)
    {
        long data = 0, dataBytes = 0, windows = 0, pings = 0, settings = 0, outBytes = 0;
        bool request = false;
        ReadOnlySpan<byte> stream = Stream;
        for (int offset = 0; offset < stream.Length; offset += Slice)
        {
            var events = server.ReceiveData(stream.Slice(offset, Math.Min(Slice, stream.Length - offset)));
            for (int i = 0; i < events.Count; i++)
            {
                switch (events[i])
                {
                    case DataReceived d:
                        data++;
                        dataBytes += d.Length;
                        server.AcknowledgeReceivedData(d.FlowControlledLength, d.StreamId);
                        break;
                    case WindowUpdated w when w.StreamId == 0 && w.Delta == 1:
                        windows++;
                        break;
                    case PingReceived:
                        pings++;
                        break;
                    case RemoteSettingsChanged:
                        settings++;
                        break;
                    case RequestReceived:
                        request = true;
                        break;
                    case StreamReset r:
                        throw new BenchFailure($"W5 {Label}: stream {r.StreamId} reset with {r.ErrorCode}");
                    case ConnectionTerminated t:
                        throw new BenchFailure($"W5 {Label}: connection terminated: {t.ErrorCode}");
                }
            }

            // The reading peer: everything the server queued leaves now.
            int n = server.OutboundDataLength;
            outBytes += n;
            server.AdvanceOutbound(n);
        }

        return (data, dataBytes, windows, pings, settings, outBytes, request);
    }

    private void Check((long Data, long DataBytes, long Windows, long Pings, long Settings, long Out, bool Request) c)
    {
        switch (_shape)
        {
            case W5Shape.Dribble:
                long pairs = _frames / 2;
                BenchFailure.Check(c.Request && c.Data == pairs && c.DataBytes == pairs && c.Windows == pairs,
                    $"W5 dribble: request {c.Request}, {c.Data} DATA / {c.DataBytes} bytes / {c.Windows} WINDOW_UPDATE, expected {pairs}");
                // Connection and stream WINDOW_UPDATEs (13 bytes each), one pair per 32,768 bytes acknowledged, plus the SETTINGS ACK.
                BenchFailure.Check(c.Out >= 9 + (pairs / 32_768 * 26), $"W5 dribble: only {c.Out} bytes of window updates sent");
                break;
            case W5Shape.Ping:
                BenchFailure.Check(c.Pings == _frames && c.Out == 9 + (17L * _frames),
                    $"W5 ping: {c.Pings} PINGs, {c.Out} bytes answered, expected {_frames} and {9 + (17L * _frames)}");
                break;
            default:
                // The client's first SETTINGS counts too.
                BenchFailure.Check(c.Settings == _frames + 1 && c.Out == 9L * (_frames + 1),
                    $"W5 settings: {c.Settings} SETTINGS, {c.Out} bytes answered, expected {_frames + 1} and {9L * (_frames + 1)}");
                break;
        }
    }
}
