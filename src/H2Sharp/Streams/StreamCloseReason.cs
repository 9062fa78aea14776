namespace H2Sharp;

/// <summary>
/// Why a stream closed: the row of the closed state that answers late frames on it
/// (<see cref="StreamStateMachine.LookupClosed"/>). RFC 9113 5.1 treats the four ways in differently.
/// </summary>
internal enum StreamCloseReason : byte
{
    /// <summary>Both sides sent END_STREAM, ours last.</summary>
    EndStreamSent,
    /// <summary>Both sides sent END_STREAM, the peer's last.</summary>
    EndStreamReceived,
    /// <summary>We sent RST_STREAM (including streams we refused): late frames are minimally processed and dropped.</summary>
    ResetByUs,
    /// <summary>The peer sent RST_STREAM (or refused the stream by GOAWAY): late DATA or HEADERS is a stream error STREAM_CLOSED.</summary>
    ResetByPeer,
    /// <summary>Lookup only, never recorded: a closed stream whose reason the bounded record has forgotten.</summary>
    Forgotten,
}
