namespace H2Sharp.Benchmarks.Runner;

/// <summary>A failed correctness check: the runner prints <c>FAIL: message</c> and exits 1, as the anchors do.</summary>
internal sealed class BenchFailure : Exception
{
    public BenchFailure(string message)
        : base(message)
    {
    }

    public BenchFailure()
    {
    }

    public BenchFailure(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Throws when <paramref name="ok"/> is false.</summary>
    public static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new BenchFailure(message);
        }
    }
}
