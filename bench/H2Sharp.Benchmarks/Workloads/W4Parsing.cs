using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using H2Sharp.Benchmarks.Runner;
using H2Sharp.Events;

namespace H2Sharp.Benchmarks.Workloads;

/// <summary>
/// W4: the bytes a server receives in W1_BATCHES W1 batches, captured once, replayed in 16 KiB
/// slices into a fresh server that never answers (bench/WORKLOADS.md).
/// </summary>
internal sealed class W4Parsing : IWorkload
{
    /// <summary>The replay slice.</summary>
    public const int Slice = 16 * 1024;

    private const double MiB = 1024.0 * 1024.0;

    public string Name => "W4";

    public int Run(RunSettings settings)
    {
        var replay = new W4Replay(settings.W4Batches);
        double median = RateMeter.MeasureRuns("W4 MiB/s", settings, minSeconds =>
        {
            double elapsed = 0;
            double cpu = 0;
            long replays = 0;
            while (elapsed < minSeconds)
            {
                (double seconds, double cpuSeconds) = replay.ReplayTimed();
                elapsed += seconds;
                cpu += cpuSeconds;
                replays++;
            }

            return (replay.Stream.Length * replays / MiB, elapsed, cpu);
        }, suffix: null);

        double perMiB = replay.AllocatedPerMiB();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"W4 stream {replay.Stream.Length} bytes, {replay.Requests} requests, {(replay.Stream.Length + Slice - 1) / Slice} slices; median = {median * MiB / replay.Stream.Length * replay.Requests:F0} requests/s; bytes allocated/MiB: {perMiB:F0}"));
        return 0;
    }
}

/// <summary>W4's captured stream and one replay (shared by the runner and BenchmarkDotNet).</summary>
public sealed class W4Replay
{
    /// <summary>Captures the server-received bytes of <paramref name="batches"/> W1 batches.</summary>
    public W4Replay(int batches)
    {
        Batches = batches;
        var capture = new ArrayBufferWriter<byte>(1 << 20);
        var pair = new ConnectionPair(ConnectionPair.W1Body, capture);
        for (int i = 0; i < batches; i++)
        {
            pair.RunBatch();
        }

        pair.Verify();
        Requests = pair.Sent;
        Stream = capture.WrittenSpan.ToArray();
    }

    public int Batches { get; }

    public long Requests { get; }

    public byte[] Stream { get; }

    /// <summary>One replay; returns the wall and process CPU seconds spent feeding (setup excluded, as the anchors do).</summary>
    public (double Seconds, double CpuSeconds) ReplayTimed()
    {
        var server = NewServer();
        double cpuStart = RateMeter.CpuSeconds();
        long start = Stopwatch.GetTimestamp();
        (long requests, long fields) = Feed(server);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cpuSeconds = RateMeter.CpuSeconds() - cpuStart;
        Check(requests, fields);
        return (seconds, cpuSeconds);
    }

    /// <summary>One replay including setup, for BenchmarkDotNet; returns the requests seen.</summary>
    public long Replay()
    {
        (long requests, long fields) = Feed(NewServer());
        Check(requests, fields);
        return requests;
    }

    /// <summary>Bytes allocated on this thread per MiB replayed (setup included), over 3 warm replays.</summary>
    public double AllocatedPerMiB()
    {
        Replay();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            Replay();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (3.0 * Stream.Length / (1024.0 * 1024.0));
    }

    private H2Connection NewServer()
    {
        // The replay server never answers, so later batches would pass the 100-stream limit that
        // W1's answers kept clear: lift it for K > 1, as the anchors do.
        var server = new H2Connection(new H2Configuration
        {
            ClientSide = false,
            MaxConcurrentStreams = Batches > 1 ? int.MaxValue : 100u,
        });
        server.InitiateConnection();
        return server;
    }

    private (long Requests, long Fields) Feed(H2Connection server)
    {
        long requests = 0;
        long fields = 0;
        ReadOnlySpan<byte> stream = Stream;
        for (int offset = 0; offset < stream.Length; offset += W4Parsing.Slice)
        {
            var events = server.ReceiveData(stream.Slice(offset, Math.Min(W4Parsing.Slice, stream.Length - offset)));
            for (int i = 0; i < events.Count; i++)
            {
                if (events[i] is RequestReceived r)
                {
                    requests++;
                    fields += r.Headers.Count;
                }
            }
        }

        return (requests, fields);
    }

    private void Check(long requests, long fields) =>
        BenchFailure.Check(requests == Requests && fields == Requests * 9,
            $"W4 replay: {requests} requests / {fields} fields, expected {Requests}");
}
