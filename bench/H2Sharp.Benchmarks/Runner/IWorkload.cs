namespace H2Sharp.Benchmarks.Runner;

/// <summary>One workload of bench/WORKLOADS.md for the plain runner.</summary>
internal interface IWorkload
{
    /// <summary>W1, W2, W3 or W4.</summary>
    string Name { get; }

    /// <summary>Runs the workload and prints its lines; returns the number of failed checks.</summary>
    int Run(RunSettings settings);
}
