namespace H2Sharp;

/// <summary>What becomes of a header block being received, decided from its first frame.</summary>
internal enum BlockTarget : byte
{
    /// <summary>Headers for a live stream.</summary>
    Existing,
    /// <summary>Headers that open a new peer stream.</summary>
    NewStream,
    /// <summary>A new peer stream we refuse (concurrency limit or after our GOAWAY): RST_STREAM REFUSED_STREAM.</summary>
    Refuse,
    /// <summary>Decoded only to keep HPACK in step, then dropped (optionally answered with RST_STREAM).</summary>
    Discard,
    /// <summary>A PUSH_PROMISE whose promised stream becomes reserved (remote).</summary>
    Push,
    /// <summary>A PUSH_PROMISE we decline: the promised stream is reset with the answer code.</summary>
    PushDiscard,
}
