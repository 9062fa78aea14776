namespace H2Sharp.AspNetCore.Tests;

/// <summary>Which server a test's app runs on: every behaviour test runs on both, so H2Sharp is held to what Kestrel does.</summary>
public enum ServerKind
{
    /// <summary>H2Sharp.AspNetCore.</summary>
    H2Sharp,

    /// <summary>Kestrel, the reference.</summary>
    Kestrel,
}
