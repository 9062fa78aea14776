namespace H2Sharp;

/// <summary>
/// HTTP/2 error codes (RFC 9113 section 7). Values not named here are valid on the wire
/// and pass through as numbers: "Unknown or unsupported error codes MUST NOT trigger any
/// special behavior."
/// </summary>
public enum ErrorCode : uint
{
    /// <summary>Graceful shutdown or no error.</summary>
    NoError = 0x0,
    /// <summary>An unspecific protocol error.</summary>
    ProtocolError = 0x1,
    /// <summary>An unexpected internal error.</summary>
    InternalError = 0x2,
    /// <summary>The peer violated the flow-control protocol.</summary>
    FlowControlError = 0x3,
    /// <summary>A SETTINGS frame was not acknowledged in time.</summary>
    SettingsTimeout = 0x4,
    /// <summary>A frame arrived after the stream was half-closed.</summary>
    StreamClosed = 0x5,
    /// <summary>A frame had an invalid size.</summary>
    FrameSizeError = 0x6,
    /// <summary>The stream was refused before any application processing.</summary>
    RefusedStream = 0x7,
    /// <summary>The stream is no longer needed.</summary>
    Cancel = 0x8,
    /// <summary>The header compression context could not be maintained.</summary>
    CompressionError = 0x9,
    /// <summary>The connection established for a CONNECT request was reset or closed.</summary>
    ConnectError = 0xa,
    /// <summary>The peer is generating excessive load.</summary>
    EnhanceYourCalm = 0xb,
    /// <summary>The transport does not meet minimum security requirements.</summary>
    InadequateSecurity = 0xc,
    /// <summary>The endpoint requires HTTP/1.1 instead of HTTP/2.</summary>
    Http11Required = 0xd,
}
