using BenchmarkDotNet.Running;
using H2Sharp.Benchmarks.Runner;
using H2Sharp.Benchmarks.Workloads;

namespace H2Sharp.Benchmarks;

/// <summary>
/// <c>-- W1</c> (or several names, or <c>all</c>) runs the plain workload runner, printing the
/// anchors' line format; <c>-- --bdn [BenchmarkDotNet args]</c> runs BenchmarkDotNet instead.
/// A failed correctness check prints <c>FAIL: ...</c> and exits 1.
/// </summary>
internal static class Program
{
    private static readonly IWorkload[] Workloads = [new W1Requests(), new W2Bulk(), new W3Hpack(), new W4Parsing(), new W5Floods()];

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--bdn")
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
            return 0;
        }

        if (args.Length > 0 && args[0] == "--split")
        {
            return W1Requests.Split();
        }

        if (args.Length > 1 && args[0] == "--alloc")
        {
            return AllocationProfile.Run(args[1]);
        }

        string[] names = args.Length == 0 ? ["all"] : args;
        foreach (string name in names)
        {
            if (!name.Equals("all", StringComparison.OrdinalIgnoreCase) && !Workloads.Any(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                Console.Error.WriteLine($"FAIL: unknown workload {name} (want W1 W2 W3 W4 W5 all)");
                return 1;
            }
        }

        var settings = RunSettings.FromEnvironment();
        int failures = 0;
        foreach (IWorkload workload in Workloads)
        {
            if (names.Contains("all", StringComparer.OrdinalIgnoreCase) || names.Contains(workload.Name, StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    failures += workload.Run(settings);
                }
                catch (BenchFailure ex)
                {
                    Console.WriteLine("FAIL: " + ex.Message);
                    return 1;
                }
                catch (H2Exception ex)
                {
                    Console.WriteLine($"FAIL: {workload.Name}: {ex.GetType().Name}: {ex.Message}");
                    return 1;
                }
            }
        }

        return failures == 0 ? 0 : 1;
    }
}
