namespace H2Sharp;

/// <summary>
/// Which header blocks a stream has carried in one direction. Not a stream state: it only
/// decides what kind of block the next one is (informational, final, trailers).
/// </summary>
internal enum HeaderPhase : byte
{
    /// <summary>No header block yet.</summary>
    None,
    /// <summary>One or more 1xx responses, no final one yet.</summary>
    Informational,
    /// <summary>The request or final response was sent/received.</summary>
    Final,
    /// <summary>Trailers were sent/received.</summary>
    Trailers,
}
