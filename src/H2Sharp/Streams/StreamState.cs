namespace H2Sharp;

/// <summary>The stream states of RFC 9113 section 5.1.</summary>
internal enum StreamState : byte
{
    Idle,
    ReservedLocal,
    ReservedRemote,
    Open,
    HalfClosedLocal,
    HalfClosedRemote,
    Closed,
}
