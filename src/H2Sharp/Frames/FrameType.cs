namespace H2Sharp.Frames;

/// <summary>
/// HTTP/2 frame types (RFC 9113 section 6, RFC 7838 section 4, RFC 9218 section 7.1).
/// Values not named here are valid on the wire and pass through as numbers: "Implementations
/// MUST ignore and discard frames of unknown types."
/// </summary>
public enum FrameType : byte
{
    /// <summary>DATA (0x0): request or response body octets.</summary>
    Data = 0x0,
    /// <summary>HEADERS (0x1): opens a stream and carries a field block fragment.</summary>
    Headers = 0x1,
    /// <summary>PRIORITY (0x2): the deprecated RFC 7540 priority signal.</summary>
    Priority = 0x2,
    /// <summary>RST_STREAM (0x3): ends a stream at once.</summary>
    RstStream = 0x3,
    /// <summary>SETTINGS (0x4): configuration parameters, or their acknowledgement.</summary>
    Settings = 0x4,
    /// <summary>PUSH_PROMISE (0x5): announces a server-initiated stream.</summary>
    PushPromise = 0x5,
    /// <summary>PING (0x6): measures round-trip time and checks liveness.</summary>
    Ping = 0x6,
    /// <summary>GOAWAY (0x7): starts connection shutdown or reports a connection error.</summary>
    GoAway = 0x7,
    /// <summary>WINDOW_UPDATE (0x8): flow-control credit.</summary>
    WindowUpdate = 0x8,
    /// <summary>CONTINUATION (0x9): continues a field block.</summary>
    Continuation = 0x9,
    /// <summary>ALTSVC (0xa, RFC 7838): advertises an alternative service.</summary>
    AltSvc = 0xa,
    /// <summary>PRIORITY_UPDATE (0x10, RFC 9218): the extensible priority signal.</summary>
    PriorityUpdate = 0x10,
}
