using System.Diagnostics;
using System.Globalization;

namespace H2Sharp.Benchmarks.Runner;

/// <summary>
/// Measures a rate the way the anchors do: a warm-up, then N timed runs of at least the minimum
/// duration each; reports the median with min, max, spread and the same rate computed from
/// process CPU time, in the anchors' number format.
/// </summary>
internal static class RateMeter
{
    /// <summary>Runs <paramref name="round"/> (returns units done) repeatedly per run and prints one line.</summary>
    public static double Measure(string label, RunSettings settings, Func<long> round) =>
        MeasureRuns(label, settings, minSeconds => RunFor(minSeconds, round), suffix: null);

    /// <summary>
    /// As <see cref="MeasureRuns(string, RunSettings, Func{double, ValueTuple{double, double}}, string?)"/>, but
    /// the run also reports the process CPU seconds of its timed part (W4 times only the feeding,
    /// as the anchors do, so setup is left out of both figures).
    /// </summary>
    public static double MeasureRuns(string label, RunSettings settings, Func<double, (double Units, double Seconds, double CpuSeconds)> run, string? suffix)
    {
        run(settings.WarmupSeconds);
        var wall = new double[settings.Runs];
        var cpu = new double[settings.Runs];
        for (int r = 0; r < settings.Runs; r++)
        {
            (double units, double seconds, double cpuSeconds) = run(settings.MinSeconds);
            wall[r] = units / seconds;
            cpu[r] = units / Math.Max(cpuSeconds, 1e-9);
        }

        return Report(label, settings, wall, cpu, suffix);
    }

    /// <summary>Process CPU seconds so far.</summary>
    public static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>
    /// Calls <paramref name="run"/> once for the warm-up and once per timed run; each call does
    /// its own setup and loop (as the anchors' <c>w1_run</c> does) and returns units and seconds.
    /// </summary>
    public static double MeasureRuns(string label, RunSettings settings, Func<double, (double Units, double Seconds)> run, string? suffix)
    {
        run(settings.WarmupSeconds);
        var wall = new double[settings.Runs];
        var cpu = new double[settings.Runs];
        for (int r = 0; r < settings.Runs; r++)
        {
            TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            (double units, double seconds) = run(settings.MinSeconds);
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            wall[r] = units / seconds;
            cpu[r] = units / Math.Max(cpuSeconds, 1e-9);
        }

        return Report(label, settings, wall, cpu, suffix);
    }

    private static double Report(string label, RunSettings settings, double[] wall, double[] cpu, string? suffix)
    {
        double median = Median(wall);
        double min = wall.Min();
        double max = wall.Max();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {Format(median)} [min {Format(min)} max {Format(max)} spread {(max - min) / median * 100:F1}% n={settings.Runs}; cpu-time median {Format(Median(cpu))}]{suffix}"));
        return median;
    }

    /// <summary>The anchors' number format: 3 decimals below 10, 1 below 1000, none above.</summary>
    public static string Format(double v) => v switch
    {
        < 10 => v.ToString("F3", CultureInfo.InvariantCulture),
        < 1000 => v.ToString("F1", CultureInfo.InvariantCulture),
        _ => v.ToString("F0", CultureInfo.InvariantCulture),
    };

    private static (double Units, double Seconds) RunFor(double minSeconds, Func<long> round)
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

    internal static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
