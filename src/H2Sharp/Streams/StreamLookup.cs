namespace H2Sharp;

/// <summary>What a stream id refers to right now.</summary>
internal enum StreamLookup : byte
{
    /// <summary>A stream held in memory (any state but closed).</summary>
    Live,
    /// <summary>A stream that closed recently; the reason is known.</summary>
    Closed,
    /// <summary>A stream that closed so long ago that its reason was forgotten (past MaxClosedStreams).</summary>
    ClosedLongAgo,
    /// <summary>An id below the highest its initiator used that was never used: implicitly closed (RFC 9113 5.1.1).</summary>
    Skipped,
    /// <summary>An id above the highest its initiator used: the stream is idle.</summary>
    Idle,
}
