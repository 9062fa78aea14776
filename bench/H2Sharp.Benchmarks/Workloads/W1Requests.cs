using System.Diagnostics;
using System.Globalization;
using H2Sharp.Benchmarks.Runner;

namespace H2Sharp.Benchmarks.Workloads;

/// <summary>W1: batches of 100 GET requests with 1,024-byte responses (bench/WORKLOADS.md).</summary>
internal sealed class W1Requests : IWorkload
{
    public string Name => "W1";

    public int Run(RunSettings settings)
    {
        ConnectionPair? last = null;
        RateMeter.MeasureRuns("W1 requests/s", settings, minSeconds =>
        {
            // As the anchors' w1_run: a fresh pair per run, batches until the time is up.
            long start = Stopwatch.GetTimestamp();
            var pair = new ConnectionPair(ConnectionPair.W1Body);
            double elapsed;
            do
            {
                pair.RunBatch();
                elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            while (elapsed < minSeconds);
            pair.Verify();
            BenchFailure.Check(pair.DataFrames == pair.Sent, $"W1: {pair.DataFrames} DATA frames");
            last = pair;
            return (pair.Sent, elapsed);
        }, suffix: null);

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  W1 last run: {last!.Sent} requests, {last.DataFrames} DATA frames ({(double)last.DataFrames / last.Sent:F1} per response), {last.Deferrals} deferrals for window"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"W1 bytes allocated/request: {AllocatedPerRequest():F0} (client and server together, this thread, 10 warm batches; {GcPer10kRequests()})"));
        return 0;
    }

    /// <summary>
    /// <c>--split</c>: where a W1 batch's time goes, on this thread: the client's 100 SendHeaders
    /// against the pump (both receive paths, the server's answers, the client's acknowledgements).
    /// </summary>
    internal static int Split()
    {
        var pair = new ConnectionPair(ConnectionPair.W1Body);
        long send = 0, pump = 0, batches = 0;
        // Per-batch figures for the medians: on a shared machine, the median of a batch's thread
        // CPU time moves less than the mean, which every slow batch (cache or core stolen) pulls up.
        var sends = new List<long>();
        var pumps = new List<long>();
        long warm = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        long end = warm + Stopwatch.Frequency * 3;
        long now;
        while ((now = Stopwatch.GetTimestamp()) < end)
        {
            long t0 = ThreadCpu.Nanoseconds();
            pair.SendRequests(ConnectionPair.Batch);
            long t1 = ThreadCpu.Nanoseconds();
            pair.Pump();
            long t2 = ThreadCpu.Nanoseconds();
            if (now < warm)
            {
                continue;
            }

            send += t1 - t0;
            pump += t2 - t1;
            sends.Add(t1 - t0);
            pumps.Add(t2 - t1);
            batches++;
        }

        sends.Sort();
        pumps.Sort();

        pair.Verify();

        // The same requests through a bare HPACK encoder, for comparison with SendHeaders.
        var encoder = new H2Sharp.Hpack.HpackEncoder();
        var output = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        var fields = ConnectionPair.RequestFields(out byte[] path);
        long encode = 0;
        for (long b = 0; b < batches; b++)
        {
            long t0 = ThreadCpu.Nanoseconds();
            for (int i = 0; i < ConnectionPair.Batch; i++)
            {
                System.Buffers.Text.Utf8Formatter.TryFormat((b * ConnectionPair.Batch) + i, path.AsSpan(10), out int digits);
                fields[3] = new HeaderField(fields[3].Name, path.AsMemory(0, 10 + digits));
                output.ResetWrittenCount();
                encoder.Encode(fields, output);
            }

            encode += ThreadCpu.Nanoseconds() - t0;
        }

        double perRequest = 1.0 / (batches * ConnectionPair.Batch);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"W1 split: bare HpackEncoder.Encode of the request {encode * perRequest:F0} ns/request"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"W1 split: client SendHeaders {send * perRequest:F0} ns/request, pump {pump * perRequest:F0} ns/request ({batches} batches after 1 s warm-up; thread CPU time)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"W1 split medians per batch: client SendHeaders {sends[sends.Count / 2] / (double)ConnectionPair.Batch:F0} ns/request, pump {pumps[pumps.Count / 2] / (double)ConnectionPair.Batch:F0} ns/request"));
        return 0;
    }

    /// <summary>Garbage collections by generation over the first 50,000 requests of a fresh pair.</summary>
    internal static string GcPer10kRequests()
    {
        // A fresh pair, as each timed run uses: the closed-stream record grows with it.
        var pair = new ConnectionPair(ConnectionPair.W1Body);
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        for (int i = 0; i < 500; i++)
        {
            pair.RunBatch();
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"GCs per 50k requests of a fresh pair: gen0 {GC.CollectionCount(0) - g0}, gen1 {GC.CollectionCount(1) - g1}, gen2 {GC.CollectionCount(2) - g2}");
    }

    /// <summary>Bytes allocated on this thread per request, over 10 batches on a warm pair.</summary>
    internal static double AllocatedPerRequest()
    {
        var pair = new ConnectionPair(ConnectionPair.W1Body);
        for (int i = 0; i < 10; i++)
        {
            pair.RunBatch();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            pair.RunBatch();
        }

        double perRequest = (GC.GetAllocatedBytesForCurrentThread() - before) / (10.0 * ConnectionPair.Batch);
        pair.Verify();
        return perRequest;
    }
}
