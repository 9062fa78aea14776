using System;
using System.Diagnostics.CodeAnalysis;

namespace H2Sharp.Frames;

/// <summary>
/// Frame flags (RFC 9113 section 4.1). Their meaning depends on the frame type; flags a
/// type does not define "MUST be ignored on receipt and MUST be left unset (0x00) when sending".
/// </summary>
[Flags]
[SuppressMessage("Design", "CA1069:Enums values should not be duplicated", Justification = "END_STREAM and ACK share bit 0x1 on the wire (RFC 9113 section 6).")]
public enum FrameFlags : byte
{
    /// <summary>No flags.</summary>
    None = 0x0,
    /// <summary>END_STREAM (0x1) on DATA and HEADERS: the sender's last frame on the stream.</summary>
    EndStream = 0x1,
    /// <summary>ACK (0x1) on SETTINGS and PING: this frame acknowledges the peer's.</summary>
    Ack = 0x1,
    /// <summary>END_HEADERS (0x4) on HEADERS, PUSH_PROMISE and CONTINUATION: the field block ends here.</summary>
    EndHeaders = 0x4,
    /// <summary>PADDED (0x8) on DATA, HEADERS and PUSH_PROMISE: a Pad Length field and padding are present.</summary>
    Padded = 0x8,
    /// <summary>PRIORITY (0x20) on HEADERS: the Exclusive, Stream Dependency and Weight fields are present.</summary>
    Priority = 0x20,
}
