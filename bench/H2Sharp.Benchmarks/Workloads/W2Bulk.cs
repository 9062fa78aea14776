using System.Diagnostics;
using System.Globalization;
using H2Sharp.Benchmarks.Runner;

namespace H2Sharp.Benchmarks.Workloads;

/// <summary>W2: 64 MiB responses on one stream at a time, flow control reopened by the client (bench/WORKLOADS.md).</summary>
internal sealed class W2Bulk : IWorkload
{
    private const double MiB = 1024.0 * 1024.0;

    public string Name => "W2";

    public int Run(RunSettings settings)
    {
        ConnectionPair? last = null;
        RateMeter.MeasureRuns("W2 MiB/s", settings, minSeconds =>
        {
            // As the anchors' w2_run: a fresh pair per run, 64 MiB responses until the time is up.
            long start = Stopwatch.GetTimestamp();
            var pair = new ConnectionPair(ConnectionPair.W2Body);
            double elapsed;
            do
            {
                RunOne(pair);
                elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            while (elapsed < minSeconds);
            pair.Verify();
            last = pair;
            return (pair.BodyBytes / MiB, elapsed);
        }, suffix: null);

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  W2 last run: {last!.Sent} requests, {last.DataFrames} DATA frames ({(double)last.DataFrames / last.Sent:F1} per response), {last.Deferrals} deferrals for window"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"W2 bytes allocated/MiB: {AllocatedPerMiB():F0} (client and server together, this thread, 2 warm responses)"));
        return 0;
    }

    /// <summary>One 64 MiB response on the pair, checked complete.</summary>
    internal static void RunOne(ConnectionPair pair)
    {
        pair.SendRequests(1);
        pair.Pump();
        BenchFailure.Check(pair.CliClosed == pair.Sent && pair.BodyBytes == pair.Sent * ConnectionPair.W2Body, "W2 stream did not complete");
    }

    private static double AllocatedPerMiB()
    {
        var pair = new ConnectionPair(ConnectionPair.W2Body);
        RunOne(pair);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunOne(pair);
        RunOne(pair);
        double perMiB = (GC.GetAllocatedBytesForCurrentThread() - before) / (2 * ConnectionPair.W2Body / MiB);
        pair.Verify();
        return perMiB;
    }
}
