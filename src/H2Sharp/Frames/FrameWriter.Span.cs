using System;
using System.Buffers.Binary;

namespace H2Sharp.Frames;

/// <content>The <see cref="Span{T}"/> overloads: each writes one whole frame and returns its size.</content>
public static partial class FrameWriter
{
    /// <summary>Writes a DATA frame (RFC 9113 section 6.1).</summary>
    /// <param name="destination">Where the frame goes; must hold 9 + payload octets.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="data">The data octets.</param>
    /// <param name="endStream">Sets END_STREAM.</param>
    /// <param name="padLength">Padding octets (0 to 255; zeros are written), or null for an unpadded frame.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteData(Span<byte> destination, int streamId, ReadOnlySpan<byte> data, bool endStream, int? padLength = null)
    {
        int size = FrameSizes.Data(streamId, data.Length, padLength);
        FrameSizes.CheckDestination(destination, size);
        FrameFlags flags = endStream ? FrameFlags.EndStream : FrameFlags.None;
        Span<byte> body = BeginPadded(destination, size, FrameType.Data, flags, streamId, padLength);
        data.CopyTo(body);
        return size;
    }

    /// <summary>Writes a HEADERS frame (RFC 9113 section 6.2).</summary>
    /// <param name="destination">Where the frame goes; must hold 9 + payload octets.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="fragment">The field block fragment (HPACK output).</param>
    /// <param name="endStream">Sets END_STREAM.</param>
    /// <param name="endHeaders">Sets END_HEADERS (no CONTINUATION follows).</param>
    /// <param name="priority">Priority fields (sets the PRIORITY flag), or null.</param>
    /// <param name="padLength">Padding octets (0 to 255), or null for an unpadded frame.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field (weight outside 1..256, fragment too long, ...).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteHeaders(Span<byte> destination, int streamId, ReadOnlySpan<byte> fragment, bool endStream, bool endHeaders, PriorityInfo? priority = null, int? padLength = null)
    {
        int size = FrameSizes.Headers(streamId, fragment.Length, priority, padLength);
        FrameSizes.CheckDestination(destination, size);
        FrameFlags flags = (endStream ? FrameFlags.EndStream : FrameFlags.None)
            | (endHeaders ? FrameFlags.EndHeaders : FrameFlags.None)
            | (priority is null ? FrameFlags.None : FrameFlags.Priority);
        Span<byte> body = BeginPadded(destination, size, FrameType.Headers, flags, streamId, padLength);
        if (priority is PriorityInfo p)
        {
            WritePriorityFields(body, p);
            body = body.Slice(PriorityInfo.Size);
        }

        fragment.CopyTo(body);
        return size;
    }

    /// <summary>Writes a PRIORITY frame (RFC 9113 section 6.3).</summary>
    /// <param name="destination">Where the frame goes; must hold 14 octets.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="priority">The priority fields; weight 1 to 256.</param>
    /// <returns>The octets written (14).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WritePriority(Span<byte> destination, int streamId, PriorityInfo priority)
    {
        int size = FrameSizes.Priority(streamId, priority);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(PriorityInfo.Size, FrameType.Priority, FrameFlags.None, streamId).Write(destination);
        WritePriorityFields(destination.Slice(FrameHeader.Size), priority);
        return size;
    }

    /// <summary>Writes an RST_STREAM frame (RFC 9113 section 6.4).</summary>
    /// <param name="destination">Where the frame goes; must hold 13 octets.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="errorCode">Why the stream ends.</param>
    /// <returns>The octets written (13).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="streamId"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteRstStream(Span<byte> destination, int streamId, ErrorCode errorCode)
    {
        int size = FrameSizes.Fixed(streamId, 4);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(4, FrameType.RstStream, FrameFlags.None, streamId).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(FrameHeader.Size), (uint)errorCode);
        return size;
    }

    /// <summary>Writes a SETTINGS frame (RFC 9113 section 6.5) on stream 0, settings in the order given.</summary>
    /// <param name="destination">Where the frame goes; must hold 9 + 6 per setting octets.</param>
    /// <param name="settings">The settings; may be empty.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Too many settings for one frame.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteSettings(Span<byte> destination, ReadOnlySpan<Setting> settings)
    {
        int size = FrameSizes.Settings(settings.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(size - FrameHeader.Size, FrameType.Settings, FrameFlags.None, 0).Write(destination);
        Span<byte> body = destination.Slice(FrameHeader.Size);
        foreach (Setting setting in settings)
        {
            setting.Write(body);
            body = body.Slice(Setting.Size);
        }

        return size;
    }

    /// <summary>Writes an empty SETTINGS frame with ACK set (RFC 9113 section 6.5.3).</summary>
    /// <param name="destination">Where the frame goes; must hold 9 octets.</param>
    /// <returns>The octets written (9).</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteSettingsAck(Span<byte> destination)
    {
        FrameSizes.CheckDestination(destination, FrameHeader.Size);
        new FrameHeader(0, FrameType.Settings, FrameFlags.Ack, 0).Write(destination);
        return FrameHeader.Size;
    }

    /// <summary>Writes a PUSH_PROMISE frame (RFC 9113 section 6.6).</summary>
    /// <param name="destination">Where the frame goes; must hold 9 + payload octets.</param>
    /// <param name="streamId">The associated stream, 0 to 2^31-1.</param>
    /// <param name="promisedStreamId">The reserved stream, 0 to 2^31-1.</param>
    /// <param name="fragment">The field block fragment of the promised request.</param>
    /// <param name="endHeaders">Sets END_HEADERS.</param>
    /// <param name="padLength">Padding octets (0 to 255), or null for an unpadded frame.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WritePushPromise(Span<byte> destination, int streamId, int promisedStreamId, ReadOnlySpan<byte> fragment, bool endHeaders, int? padLength = null)
    {
        int size = FrameSizes.PushPromise(streamId, promisedStreamId, fragment.Length, padLength);
        FrameSizes.CheckDestination(destination, size);
        FrameFlags flags = endHeaders ? FrameFlags.EndHeaders : FrameFlags.None;
        Span<byte> body = BeginPadded(destination, size, FrameType.PushPromise, flags, streamId, padLength);
        BinaryPrimitives.WriteUInt32BigEndian(body, (uint)promisedStreamId);
        fragment.CopyTo(body.Slice(4));
        return size;
    }

    /// <summary>Writes a PING frame (RFC 9113 section 6.7) on stream 0.</summary>
    /// <param name="destination">Where the frame goes; must hold 17 octets.</param>
    /// <param name="opaqueData">The 8 opaque octets, written big-endian.</param>
    /// <param name="ack">Sets ACK (a PING response).</param>
    /// <returns>The octets written (17).</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WritePing(Span<byte> destination, ulong opaqueData, bool ack)
    {
        int size = FrameSizes.Fixed(0, 8);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(8, FrameType.Ping, ack ? FrameFlags.Ack : FrameFlags.None, 0).Write(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(FrameHeader.Size), opaqueData);
        return size;
    }

    /// <summary>Writes a GOAWAY frame (RFC 9113 section 6.8) on stream 0.</summary>
    /// <param name="destination">Where the frame goes; must hold 17 + debug data octets.</param>
    /// <param name="lastStreamId">The last stream processed, 0 to 2^31-1.</param>
    /// <param name="errorCode">Why the connection closes.</param>
    /// <param name="debugData">Opaque diagnostic octets; may be empty.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteGoAway(Span<byte> destination, int lastStreamId, ErrorCode errorCode, ReadOnlySpan<byte> debugData)
    {
        int size = FrameSizes.GoAway(lastStreamId, debugData.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(size - FrameHeader.Size, FrameType.GoAway, FrameFlags.None, 0).Write(destination);
        Span<byte> body = destination.Slice(FrameHeader.Size);
        BinaryPrimitives.WriteUInt32BigEndian(body, (uint)lastStreamId);
        BinaryPrimitives.WriteUInt32BigEndian(body.Slice(4), (uint)errorCode);
        debugData.CopyTo(body.Slice(8));
        return size;
    }

    /// <summary>Writes a WINDOW_UPDATE frame (RFC 9113 section 6.9).</summary>
    /// <param name="destination">Where the frame goes; must hold 13 octets.</param>
    /// <param name="streamId">The stream, or 0 for the connection window.</param>
    /// <param name="increment">The increment, 0 to 2^31-1 (the RFC allows 1 and up; 0 is written so tests can send it).</param>
    /// <returns>The octets written (13).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteWindowUpdate(Span<byte> destination, int streamId, int increment)
    {
        int size = FrameSizes.WindowUpdate(streamId, increment);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(4, FrameType.WindowUpdate, FrameFlags.None, streamId).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(FrameHeader.Size), (uint)increment);
        return size;
    }

    /// <summary>Writes a CONTINUATION frame (RFC 9113 section 6.10).</summary>
    /// <param name="destination">Where the frame goes; must hold 9 + fragment octets.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="fragment">The next field block fragment.</param>
    /// <param name="endHeaders">Sets END_HEADERS.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteContinuation(Span<byte> destination, int streamId, ReadOnlySpan<byte> fragment, bool endHeaders)
    {
        int size = FrameSizes.Headers(streamId, fragment.Length, null, null);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(fragment.Length, FrameType.Continuation, endHeaders ? FrameFlags.EndHeaders : FrameFlags.None, streamId).Write(destination);
        fragment.CopyTo(destination.Slice(FrameHeader.Size));
        return size;
    }

    /// <summary>Writes an ALTSVC frame (RFC 7838 section 4).</summary>
    /// <param name="destination">Where the frame goes; must hold 11 + origin + value octets.</param>
    /// <param name="streamId">The stream (then the origin should be empty), or 0 (then it should not).</param>
    /// <param name="origin">The ASCII origin, at most 65,535 octets.</param>
    /// <param name="fieldValue">The Alt-Svc field value.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteAltSvc(Span<byte> destination, int streamId, ReadOnlySpan<byte> origin, ReadOnlySpan<byte> fieldValue)
    {
        int size = FrameSizes.AltSvc(streamId, origin.Length, fieldValue.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(size - FrameHeader.Size, FrameType.AltSvc, FrameFlags.None, streamId).Write(destination);
        Span<byte> body = destination.Slice(FrameHeader.Size);
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)origin.Length);
        origin.CopyTo(body.Slice(2));
        fieldValue.CopyTo(body.Slice(2 + origin.Length));
        return size;
    }

    /// <summary>Writes a PRIORITY_UPDATE frame (RFC 9218 section 7.1) on stream 0.</summary>
    /// <param name="destination">Where the frame goes; must hold 13 + value octets.</param>
    /// <param name="prioritizedStreamId">The stream whose priority changes, 0 to 2^31-1.</param>
    /// <param name="fieldValue">The Priority field value in ASCII, e.g. <c>u=1, i</c>.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WritePriorityUpdate(Span<byte> destination, int prioritizedStreamId, ReadOnlySpan<byte> fieldValue)
    {
        int size = FrameSizes.PriorityUpdate(prioritizedStreamId, fieldValue.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(size - FrameHeader.Size, FrameType.PriorityUpdate, FrameFlags.None, 0).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(FrameHeader.Size), (uint)prioritizedStreamId);
        fieldValue.CopyTo(destination.Slice(FrameHeader.Size + 4));
        return size;
    }

    /// <summary>Writes a frame of any type with the given flags and raw payload (extensions, or malformed frames in tests).</summary>
    /// <param name="destination">Where the frame goes; must hold 9 + payload octets.</param>
    /// <param name="type">The type number.</param>
    /// <param name="flags">The flags, written as given.</param>
    /// <param name="streamId">The stream, 0 to 2^31-1.</param>
    /// <param name="payload">The payload, written as given.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteUnknown(Span<byte> destination, byte type, FrameFlags flags, int streamId, ReadOnlySpan<byte> payload)
    {
        int size = FrameSizes.Unknown(streamId, payload.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(payload.Length, (FrameType)type, flags, streamId).Write(destination);
        payload.CopyTo(destination.Slice(FrameHeader.Size));
        return size;
    }

    /// <summary>Writes the header and the Pad Length and padding (zeros, RFC 9113 section 6.1:
    /// "Padding octets MUST be set to zero when sending"); returns the span between them.</summary>
    private static Span<byte> BeginPadded(Span<byte> destination, int size, FrameType type, FrameFlags flags, int streamId, int? padLength)
    {
        int payloadLength = size - FrameHeader.Size;
        Span<byte> payload = destination.Slice(FrameHeader.Size, payloadLength);
        if (padLength is not int pad)
        {
            new FrameHeader(payloadLength, type, flags, streamId).Write(destination);
            return payload;
        }

        new FrameHeader(payloadLength, type, flags | FrameFlags.Padded, streamId).Write(destination);
        payload[0] = (byte)pad;
        payload.Slice(payloadLength - pad).Clear();
        return payload.Slice(1, payloadLength - 1 - pad);
    }

    private static void WritePriorityFields(Span<byte> destination, PriorityInfo priority)
    {
        uint dependency = (uint)priority.StreamDependency | (priority.Exclusive ? 0x8000_0000u : 0u);
        BinaryPrimitives.WriteUInt32BigEndian(destination, dependency);
        destination[4] = (byte)(priority.Weight - 1);
    }
}
