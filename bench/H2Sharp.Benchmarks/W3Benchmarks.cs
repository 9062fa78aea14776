using BenchmarkDotNet.Attributes;
using H2Sharp.Benchmarks.Workloads;

namespace H2Sharp.Benchmarks;

/// <summary>W3 under BenchmarkDotNet: one operation = one pass over all raw-data stories.</summary>
[MemoryDiagnoser]
public class W3Benchmarks
{
    private HpackRound _round = null!;

    /// <summary>Loads the stories and encodes them once so decode has input.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _round = new HpackRound(HpackStories.Load(Environment.GetEnvironmentVariable("HPACK_DIR")));
        _round.Encode();
        if (_round.Verify() != 0)
        {
            throw new InvalidOperationException("W3 round trip failed");
        }
    }

    /// <summary>Encodes all stories (fresh encoder per story).</summary>
    [Benchmark]
    public long Encode() => _round.Encode();

    /// <summary>Decodes all stories (fresh decoder per story).</summary>
    [Benchmark]
    public long Decode() => _round.Decode();
}
