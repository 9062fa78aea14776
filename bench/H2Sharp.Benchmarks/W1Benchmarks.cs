using BenchmarkDotNet.Attributes;
using H2Sharp.Benchmarks.Workloads;

namespace H2Sharp.Benchmarks;

/// <summary>W1 under BenchmarkDotNet: one operation = one batch of 100 requests on a warm pair.</summary>
[MemoryDiagnoser]
public class W1Benchmarks
{
    private ConnectionPair _pair = null!;

    /// <summary>Creates the pair (prefaces and SETTINGS exchanged).</summary>
    [GlobalSetup]
    public void Setup() => _pair = new ConnectionPair(ConnectionPair.W1Body);

    /// <summary>100 requests and their responses, checked complete.</summary>
    [Benchmark(OperationsPerInvoke = ConnectionPair.Batch)]
    public void Request() => _pair.RunBatch();

    /// <summary>Checks every counter.</summary>
    [GlobalCleanup]
    public void Cleanup() => _pair.Verify();
}
