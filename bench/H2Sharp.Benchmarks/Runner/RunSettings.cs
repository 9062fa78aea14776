using System.Globalization;

namespace H2Sharp.Benchmarks.Runner;

/// <summary>The anchors' knobs: BENCH_RUNS=5, BENCH_MIN_S=1.0, BENCH_WARMUP_S=1.0, W4_BATCHES=10, HPACK_DIR.</summary>
internal sealed record RunSettings(int Runs, double MinSeconds, double WarmupSeconds, string? HpackDir, int W4Batches = 10)
{
    public static RunSettings FromEnvironment() => new(
        int.Parse(Environment.GetEnvironmentVariable("BENCH_RUNS") ?? "5", CultureInfo.InvariantCulture),
        double.Parse(Environment.GetEnvironmentVariable("BENCH_MIN_S") ?? "1.0", CultureInfo.InvariantCulture),
        double.Parse(Environment.GetEnvironmentVariable("BENCH_WARMUP_S") ?? "1.0", CultureInfo.InvariantCulture),
        Environment.GetEnvironmentVariable("HPACK_DIR"),
        int.Parse(Environment.GetEnvironmentVariable("W4_BATCHES") ?? "10", CultureInfo.InvariantCulture));

    /// <summary>The repository root (the folder with H2Sharp.slnx); the vendored test data is under tests/testdata.</summary>
    public static string RepoRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "H2Sharp.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("H2Sharp.slnx not found above " + AppContext.BaseDirectory);
    }
}
