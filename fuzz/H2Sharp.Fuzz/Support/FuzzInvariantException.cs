using System;

namespace H2Sharp.Fuzz.Support;

/// <summary>
/// A property the target checks failed (for example a round trip gave different fields). It is
/// never a documented library exception, so the fuzzer counts it as a crash.
/// </summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FuzzInvariantException() : base("A fuzz target invariant failed.") { }

    /// <summary>Creates the exception with a message naming the broken invariant.</summary>
    /// <param name="message">What went wrong.</param>
    public FuzzInvariantException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FuzzInvariantException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    /// <param name="condition">The invariant.</param>
    /// <param name="message">What went wrong if it does not hold.</param>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(message);
        }
    }
}
