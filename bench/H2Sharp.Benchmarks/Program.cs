using BenchmarkDotNet.Running;
using H2Sharp.Benchmarks.Runner;
using H2Sharp.Benchmarks.Workloads;

namespace H2Sharp.Benchmarks;

/// <summary>
/// <c>-- W3</c> (or several names, or <c>all</c>) runs the plain workload runner, printing the
/// anchors' line format; <c>-- --bdn [BenchmarkDotNet args]</c> runs BenchmarkDotNet instead.
/// </summary>
internal static class Program
{
    // Add W1, W2, W4 here as they are written (one file each under Workloads/).
    private static readonly IWorkload[] Workloads = [new W3Hpack()];

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--bdn")
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
            return 0;
        }

        string[] names = args.Length == 0 ? ["all"] : args;
        var settings = RunSettings.FromEnvironment();
        int failures = 0;
        foreach (IWorkload workload in Workloads)
        {
            if (names.Contains("all", StringComparer.OrdinalIgnoreCase) || names.Contains(workload.Name, StringComparer.OrdinalIgnoreCase))
            {
                failures += workload.Run(settings);
            }
        }

        return failures == 0 ? 0 : 1;
    }
}
