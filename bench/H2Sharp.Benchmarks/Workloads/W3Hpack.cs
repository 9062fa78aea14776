using System.Globalization;
using H2Sharp.Benchmarks.Runner;

namespace H2Sharp.Benchmarks.Workloads;

/// <summary>W3: HPACK encode and decode of every raw-data story (bench/WORKLOADS.md).</summary>
internal sealed class W3Hpack : IWorkload
{
    public string Name => "W3";

    public int Run(RunSettings settings)
    {
        var round = new HpackRound(HpackStories.Load(settings.HpackDir));
        round.Encode();
        int failures = round.Verify();

        RateMeter.Measure("W3 encode fields/s", settings, round.Encode);
        failures += round.Verify();
        RateMeter.Measure("W3 decode fields/s", settings, round.Decode);
        failures += round.Verify();

        // Allocation per decoded field, on this thread, over one warm pass.
        round.Decode();
        long before = GC.GetAllocatedBytesForCurrentThread();
        long fields = round.Decode();
        double perField = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)fields;
        before = GC.GetAllocatedBytesForCurrentThread();
        round.Encode();
        double perEncoded = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)fields;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"W3 decode bytes allocated/field: {perField:F2} (encode {perEncoded:F2}; {fields} fields, {round.EncodedBytes} encoded bytes per pass; new encoder and decoder per story)"));
        return failures;
    }
}
