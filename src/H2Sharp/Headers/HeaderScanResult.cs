namespace H2Sharp.Headers;

/// <summary>The first rule a header block broke and the index of the field that broke it (-1 when the block as a whole did, e.g. a missing field).</summary>
/// <param name="Violation">The rule broken, or <see cref="HeaderViolation.None"/>.</param>
/// <param name="Index">The offending field's index in the block, or -1.</param>
internal readonly record struct HeaderScanResult(HeaderViolation Violation, int Index)
{
    /// <summary>The result for a block that broke no rule.</summary>
    public static HeaderScanResult Valid => default;

    /// <summary>True when no rule was broken.</summary>
    public bool IsValid => Violation == HeaderViolation.None;
}
