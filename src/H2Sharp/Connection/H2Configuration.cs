using System;
using System.Text;

namespace H2Sharp;

/// <summary>
/// How one <see cref="H2Connection"/> behaves (h2's <c>H2Configuration</c>): its role, the header
/// switches, the settings it advertises and the limits that protect it from abusive peers.
/// Set the properties in an object initializer; the connection reads them once when created,
/// so one configuration may serve many connections. The header switches
/// (<see cref="HeaderEncoding"/>, the validate and normalize flags) can change later on one live
/// connection through <see cref="H2Connection.HeaderOptions"/>.
/// </summary>
public sealed partial class H2Configuration
{
    /// <summary>Whether the connection is the client side (true, the default) or the server side.</summary>
    public bool ClientSide { get; init; } = true;

    /// <summary>
    /// The encoding for header text (h2's <c>header_encoding</c>): when set, header events also
    /// carry <c>TextHeaders</c> (a <see cref="Events.TextHeaderList"/>, decoded lazily and cached),
    /// e.g. <see cref="Encoding.UTF8"/> or <see cref="Encoding.Latin1"/>. Null (the default) means
    /// events hand out headers as bytes only and nothing extra is allocated.
    /// </summary>
    public Encoding? HeaderEncoding { get; init; }

    /// <summary>Check outbound header blocks against RFC 9113 section 8 (h2's <c>validate_outbound_headers</c>). Default true.</summary>
    public bool ValidateOutboundHeaders { get; init; } = true;

    /// <summary>Normalise outbound header blocks (lowercase names, drop connection-specific fields) before sending. Default true.</summary>
    public bool NormalizeOutboundHeaders { get; init; } = true;

    /// <summary>Split outbound <c>cookie</c> fields into crumbs for better compression (RFC 9113 section 8.2.3). Default true.</summary>
    public bool SplitOutboundCookies { get; init; } = true;

    /// <summary>Check inbound header blocks against RFC 9113 section 8; a broken rule is a stream error PROTOCOL_ERROR. Default true.</summary>
    public bool ValidateInboundHeaders { get; init; } = true;

    /// <summary>Normalise inbound header blocks (join cookie crumbs). Default true.</summary>
    public bool NormalizeInboundHeaders { get; init; } = true;

    /// <summary>
    /// SETTINGS_INITIAL_WINDOW_SIZE we advertise: how much body the peer may send on each stream
    /// before we reopen its window. Default 65,535 (the RFC's initial value); at most 2^31-1.
    /// </summary>
    public int InitialWindowSize { get; init; } = 65_535;

    /// <summary>
    /// The connection receive window: how much body the peer may send on all streams together.
    /// Default 65,535. A larger value is announced with a WINDOW_UPDATE on stream 0 right after
    /// our SETTINGS (the connection window has no setting), and the automatic strategy
    /// (<see cref="H2Connection.AcknowledgeReceivedData"/>) keeps it at this size. h2 fixes it at 64 KiB.
    /// </summary>
    public int InitialConnectionWindowSize { get; init; } = 65_535;

    /// <summary>
    /// SETTINGS_MAX_CONCURRENT_STREAMS we advertise and enforce at once: streams past it are
    /// refused with RST_STREAM REFUSED_STREAM. Default 100 (h2's), which bounds the memory and work
    /// one peer can demand; null for unlimited (not recommended).
    /// </summary>
    public uint? MaxConcurrentStreams { get; init; } = 100;

    /// <summary>
    /// SETTINGS_MAX_HEADER_LIST_SIZE we advertise and enforce (name + value + 32 per field).
    /// Default 65,536 (h2's). Stops header bombs: a block that decodes to more is reset
    /// (stream error) while the HPACK state stays in step.
    /// </summary>
    public uint MaxHeaderListSize { get; init; } = 65_536;

    /// <summary>SETTINGS_MAX_FRAME_SIZE we advertise: the largest frame payload we accept, 16,384 to 16,777,215. Default 16,384.</summary>
    public int MaxFrameSize { get; init; } = 16_384;

    /// <summary>SETTINGS_HEADER_TABLE_SIZE we advertise: the HPACK dynamic table our decoder keeps. Default 4,096.</summary>
    public int HeaderTableSize { get; init; } = 4_096;

    /// <summary>Client only: SETTINGS_ENABLE_PUSH we advertise. Default true (h2's).</summary>
    public bool EnablePush { get; init; } = true;

    /// <summary>
    /// The largest HPACK dynamic table our encoder keeps, whatever larger size the peer allows.
    /// Default 65,536: a peer that announces a huge table cannot make us hold one.
    /// </summary>
    public int MaxEncoderTableSize { get; init; } = 65_536;

    /// <summary>
    /// How many closed streams we remember, with the reason they closed, so that late frames get
    /// the RFC's answer (h2's <c>MAX_CLOSED_STREAMS</c>). Default 65,536 (h2's); each costs a few
    /// octets, so a long connection cannot grow without bound.
    /// </summary>
    public int MaxClosedStreams { get; init; } = 65_536;

    /// <summary>
    /// The largest compressed header block (HEADERS or PUSH_PROMISE plus its CONTINUATION frames)
    /// we accept. Default 131,072 (twice the default header list size). Past it: GOAWAY
    /// ENHANCE_YOUR_CALM and <see cref="DenialOfServiceException"/>. Stops the CONTINUATION flood
    /// (2024), where a peer streams an endless header block that never completes.
    /// </summary>
    public int MaxHeaderBlockSize { get; init; } = 131_072;

    /// <summary>
    /// The most CONTINUATION frames one header block may use. Default 64 (h2's backlog number, but h2 also counts the HEADERS frame). Past it:
    /// GOAWAY ENHANCE_YOUR_CALM and <see cref="DenialOfServiceException"/> (CONTINUATION flood made
    /// of tiny frames).
    /// </summary>
    public int MaxContinuationFrames { get; init; } = 64;

    /// <summary>
    /// The most octets of answers the stack queues on its own (PING ACK, SETTINGS ACK, RST_STREAM
    /// for peer errors, WINDOW_UPDATE for discarded data) while the caller has not drained the
    /// outbound buffer. Default 65,536. Past it: GOAWAY ENHANCE_YOUR_CALM and
    /// <see cref="DenialOfServiceException"/>. Stops PING/SETTINGS floods from a peer that never
    /// reads, which would otherwise grow the outbound buffer without bound.
    /// </summary>
    public int MaxOutboundBufferedControlBytes { get; init; } = 65_536;

    /// <summary>Checks that every value is in range; called by <see cref="H2Connection"/>.</summary>
    internal void Validate()
    {
        CheckRange(InitialWindowSize, 0, int.MaxValue, nameof(InitialWindowSize));
        CheckRange(InitialConnectionWindowSize, 65_535, int.MaxValue, nameof(InitialConnectionWindowSize));
        CheckRange(MaxFrameSize, 16_384, 16_777_215, nameof(MaxFrameSize));
        CheckRange(HeaderTableSize, 0, int.MaxValue, nameof(HeaderTableSize));
        CheckRange(MaxEncoderTableSize, 0, int.MaxValue, nameof(MaxEncoderTableSize));
        CheckRange(MaxClosedStreams, 1, int.MaxValue, nameof(MaxClosedStreams));
        CheckRange(MaxHeaderBlockSize, 1, int.MaxValue, nameof(MaxHeaderBlockSize));
        CheckRange(MaxContinuationFrames, 0, int.MaxValue, nameof(MaxContinuationFrames));
        CheckRange(MaxOutboundBufferedControlBytes, 64, int.MaxValue, nameof(MaxOutboundBufferedControlBytes));
        ValidateLimits();
    }

    private static void CheckRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}
