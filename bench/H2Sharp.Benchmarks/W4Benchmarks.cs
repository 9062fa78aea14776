using BenchmarkDotNet.Attributes;
using H2Sharp.Benchmarks.Workloads;

namespace H2Sharp.Benchmarks;

/// <summary>W4 under BenchmarkDotNet: one operation = one replay of the captured stream into a fresh server.</summary>
[MemoryDiagnoser]
public class W4Benchmarks
{
    private W4Replay _replay = null!;

    /// <summary>W1 batches captured: 10 (the reported figure) and 1 (default limits).</summary>
    [Params(10, 1)]
    public int Batches { get; set; }

    /// <summary>Captures the stream.</summary>
    [GlobalSetup]
    public void Setup() => _replay = new W4Replay(Batches);

    /// <summary>Replays the stream in 16 KiB slices; checked for every request and field.</summary>
    [Benchmark]
    public long Replay() => _replay.Replay();
}
