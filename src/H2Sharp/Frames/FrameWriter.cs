using System;
using System.Buffers;

namespace H2Sharp.Frames;

/// <summary>
/// Serialises frames into the caller's buffer: an <see cref="IBufferWriter{T}"/> (advanced by
/// the frame's size) or a <see cref="Span{T}"/> (the methods return the octets written). The
/// reserved bits are written as 0 and undefined flags are never set.
/// </summary>
/// <remarks>
/// The writer checks only that each value fits its field on the wire, and throws
/// <see cref="ArgumentOutOfRangeException"/> saying what to change when it does not. Protocol
/// rules (which stream ids a frame may use, the peer's SETTINGS_MAX_FRAME_SIZE, increments of
/// 0) are the connection's to enforce, which also lets tests write malformed frames.
/// </remarks>
public static partial class FrameWriter
{
    /// <summary>Writes a DATA frame (RFC 9113 section 6.1).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="data">The data octets.</param>
    /// <param name="endStream">Sets END_STREAM.</param>
    /// <param name="padLength">Padding octets (0 to 255; zeros are written), or null for an unpadded frame.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public static int WriteData(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> data, bool endStream, int? padLength = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WriteData(output.GetSpan(DataFrame.Size(streamId, data.Length, padLength)), streamId, data, endStream, padLength));
    }

    /// <summary>Writes a HEADERS frame (RFC 9113 section 6.2).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="fragment">The field block fragment (HPACK output).</param>
    /// <param name="endStream">Sets END_STREAM.</param>
    /// <param name="endHeaders">Sets END_HEADERS (no CONTINUATION follows).</param>
    /// <param name="priority">Priority fields (sets the PRIORITY flag), or null.</param>
    /// <param name="padLength">Padding octets (0 to 255), or null for an unpadded frame.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field (weight outside 1..256, fragment too long, ...).</exception>
    public static int WriteHeaders(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> fragment, bool endStream, bool endHeaders, PriorityInfo? priority = null, int? padLength = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        int size = HeadersFrame.Size(streamId, fragment.Length, priority, padLength);
        return Commit(output, WriteHeaders(output.GetSpan(size), streamId, fragment, endStream, endHeaders, priority, padLength));
    }

    /// <summary>Writes a PRIORITY frame (RFC 9113 section 6.3).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="priority">The priority fields; weight 1 to 256.</param>
    /// <returns>The octets written (14).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public static int WritePriority(IBufferWriter<byte> output, int streamId, PriorityInfo priority)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WritePriority(output.GetSpan(PriorityFrame.Size(streamId, priority)), streamId, priority));
    }

    /// <summary>Writes an RST_STREAM frame (RFC 9113 section 6.4).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="errorCode">Why the stream ends.</param>
    /// <returns>The octets written (13).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="streamId"/> is negative.</exception>
    public static int WriteRstStream(IBufferWriter<byte> output, int streamId, ErrorCode errorCode)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WriteRstStream(output.GetSpan(RstStreamFrame.Size(streamId)), streamId, errorCode));
    }

    /// <summary>Writes a SETTINGS frame (RFC 9113 section 6.5) on stream 0, settings in the order given.</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="settings">The settings; may be empty.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Too many settings for one frame.</exception>
    public static int WriteSettings(IBufferWriter<byte> output, ReadOnlySpan<Setting> settings)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WriteSettings(output.GetSpan(SettingsFrame.Size(settings.Length)), settings));
    }

    /// <summary>Writes an empty SETTINGS frame with ACK set (RFC 9113 section 6.5.3).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <returns>The octets written (9).</returns>
    public static int WriteSettingsAck(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WriteSettingsAck(output.GetSpan(FrameHeader.Size)));
    }

    /// <summary>Writes a PUSH_PROMISE frame (RFC 9113 section 6.6).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="streamId">The associated stream, 0 to 2^31-1.</param>
    /// <param name="promisedStreamId">The reserved stream, 0 to 2^31-1.</param>
    /// <param name="fragment">The field block fragment of the promised request.</param>
    /// <param name="endHeaders">Sets END_HEADERS.</param>
    /// <param name="padLength">Padding octets (0 to 255), or null for an unpadded frame.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public static int WritePushPromise(IBufferWriter<byte> output, int streamId, int promisedStreamId, ReadOnlySpan<byte> fragment, bool endHeaders, int? padLength = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        int size = PushPromiseFrame.Size(streamId, promisedStreamId, fragment.Length, padLength);
        return Commit(output, WritePushPromise(output.GetSpan(size), streamId, promisedStreamId, fragment, endHeaders, padLength));
    }

    /// <summary>Writes a PING frame (RFC 9113 section 6.7) on stream 0.</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="opaqueData">The 8 opaque octets, written big-endian.</param>
    /// <param name="ack">Sets ACK (a PING response).</param>
    /// <returns>The octets written (17).</returns>
    public static int WritePing(IBufferWriter<byte> output, ulong opaqueData, bool ack)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WritePing(output.GetSpan(FrameHeader.Size + 8), opaqueData, ack));
    }

    /// <summary>Writes a GOAWAY frame (RFC 9113 section 6.8) on stream 0.</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="lastStreamId">The last stream processed, 0 to 2^31-1.</param>
    /// <param name="errorCode">Why the connection closes.</param>
    /// <param name="debugData">Opaque diagnostic octets; may be empty.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public static int WriteGoAway(IBufferWriter<byte> output, int lastStreamId, ErrorCode errorCode, ReadOnlySpan<byte> debugData)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WriteGoAway(output.GetSpan(GoAwayFrame.Size(lastStreamId, debugData.Length)), lastStreamId, errorCode, debugData));
    }

    /// <summary>Writes a WINDOW_UPDATE frame (RFC 9113 section 6.9).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="streamId">The stream, or 0 for the connection window.</param>
    /// <param name="increment">The increment, 0 to 2^31-1 (the RFC allows 1 and up; 0 is written so tests can send it).</param>
    /// <returns>The octets written (13).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public static int WriteWindowUpdate(IBufferWriter<byte> output, int streamId, int increment)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WriteWindowUpdate(output.GetSpan(WindowUpdateFrame.Size(streamId, increment)), streamId, increment));
    }

    /// <summary>Writes a CONTINUATION frame (RFC 9113 section 6.10).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="fragment">The next field block fragment.</param>
    /// <param name="endHeaders">Sets END_HEADERS.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public static int WriteContinuation(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> fragment, bool endHeaders)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WriteContinuation(output.GetSpan(HeadersFrame.Size(streamId, fragment.Length, null, null)), streamId, fragment, endHeaders));
    }

    /// <summary>Writes an ALTSVC frame (RFC 7838 section 4).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="streamId">The stream (then the origin should be empty), or 0 (then it should not).</param>
    /// <param name="origin">The ASCII origin, at most 65,535 octets.</param>
    /// <param name="fieldValue">The Alt-Svc field value.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public static int WriteAltSvc(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> origin, ReadOnlySpan<byte> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(output);
        int size = AltSvcFrame.Size(streamId, origin.Length, fieldValue.Length);
        return Commit(output, WriteAltSvc(output.GetSpan(size), streamId, origin, fieldValue));
    }

    /// <summary>Writes a PRIORITY_UPDATE frame (RFC 9218 section 7.1) on stream 0.</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="prioritizedStreamId">The stream whose priority changes, 0 to 2^31-1.</param>
    /// <param name="fieldValue">The Priority field value in ASCII, e.g. <c>u=1, i</c>.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public static int WritePriorityUpdate(IBufferWriter<byte> output, int prioritizedStreamId, ReadOnlySpan<byte> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(output);
        int size = PriorityUpdateFrame.Size(prioritizedStreamId, fieldValue.Length);
        return Commit(output, WritePriorityUpdate(output.GetSpan(size), prioritizedStreamId, fieldValue));
    }

    /// <summary>Writes a frame of any type with the given flags and raw payload (extensions, or malformed frames in tests).</summary>
    /// <param name="output">Where the frame goes.</param>
    /// <param name="type">The type number.</param>
    /// <param name="flags">The flags, written as given.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="payload">The payload, written as given.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public static int WriteUnknown(IBufferWriter<byte> output, byte type, FrameFlags flags, int streamId, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Commit(output, WriteUnknown(output.GetSpan(UnknownFrame.Size(streamId, payload.Length)), type, flags, streamId, payload));
    }

    private static int Commit(IBufferWriter<byte> output, int written)
    {
        output.Advance(written);
        return written;
    }
}
