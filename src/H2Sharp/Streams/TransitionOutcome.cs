namespace H2Sharp;

/// <summary>What a state machine says about an input in a state.</summary>
internal enum TransitionOutcome : byte
{
    /// <summary>Not in the table: for a send, the caller's misuse (exception, state unchanged); for a receive, the peer's protocol error.</summary>
    Forbidden = 0,
    /// <summary>Allowed; move to the next state.</summary>
    Allow,
    /// <summary>Received frame is dropped without effect beyond connection-level accounting.</summary>
    Ignore,
    /// <summary>A new peer stream is refused with RST_STREAM REFUSED_STREAM (after decoding its header block).</summary>
    Refuse,
    /// <summary>Received frame on a half-closed or closed stream: stream error STREAM_CLOSED.</summary>
    StreamClosedError,
    /// <summary>Received frame on a stream closed by END_STREAM both ways: connection error STREAM_CLOSED (GOAWAY).</summary>
    ConnectionClosedError,
}
