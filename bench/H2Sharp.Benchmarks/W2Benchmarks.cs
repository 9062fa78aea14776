using BenchmarkDotNet.Attributes;
using H2Sharp.Benchmarks.Workloads;

namespace H2Sharp.Benchmarks;

/// <summary>W2 under BenchmarkDotNet: one operation = one 64 MiB response on a warm pair.</summary>
[MemoryDiagnoser]
public class W2Benchmarks
{
    private ConnectionPair _pair = null!;

    /// <summary>Creates the pair (prefaces and SETTINGS exchanged).</summary>
    [GlobalSetup]
    public void Setup() => _pair = new ConnectionPair(ConnectionPair.W2Body);

    /// <summary>One 64 MiB response, checked complete.</summary>
    [Benchmark]
    public void Response64MiB() => W2Bulk.RunOne(_pair);

    /// <summary>Checks every counter.</summary>
    [GlobalCleanup]
    public void Cleanup() => _pair.Verify();
}
