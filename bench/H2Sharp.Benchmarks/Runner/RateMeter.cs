using System.Diagnostics;
using System.Globalization;

namespace H2Sharp.Benchmarks.Runner;

/// <summary>
/// Measures a rate the way the anchors do: a warm-up, then N timed runs of at least the minimum
/// duration each, each repeating whole rounds; reports the median with min, max, spread and the
/// same rate computed from process CPU time.
/// </summary>
internal static class RateMeter
{
    /// <summary>Runs <paramref name="round"/> (returns units done) and prints one line.</summary>
    public static double Measure(string label, RunSettings settings, Func<long> round)
    {
        RunFor(settings.WarmupSeconds, round);
        var wall = new double[settings.Runs];
        var cpu = new double[settings.Runs];
        for (int r = 0; r < settings.Runs; r++)
        {
            TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            (long units, double seconds) = RunFor(settings.MinSeconds, round);
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            wall[r] = units / seconds;
            cpu[r] = units / Math.Max(cpuSeconds, 1e-9);
        }

        double median = Median(wall);
        double min = wall.Min();
        double max = wall.Max();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {median:F0} [min {min:F0} max {max:F0} spread {(max - min) / median * 100:F1}% n={settings.Runs}; cpu-time median {Median(cpu):F0}]"));
        return median;
    }

    private static (long Units, double Seconds) RunFor(double minSeconds, Func<long> round)
    {
        long units = 0;
        long start = Stopwatch.GetTimestamp();
        double elapsed;
        do
        {
            units += round();
            elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        while (elapsed < minSeconds);
        return (units, elapsed);
    }

    private static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
