using System;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A HEADERS frame (RFC 9113 section 6.2), a view over the payload without copying.</summary>
public readonly ref struct HeadersFrame
{
    private HeadersFrame(int streamId, FrameFlags flags, PriorityInfo? priority, int? padLength, ReadOnlySpan<byte> fragment)
    {
        StreamId = streamId;
        EndStream = (flags & FrameFlags.EndStream) != 0;
        EndHeaders = (flags & FrameFlags.EndHeaders) != 0;
        Priority = priority;
        PadLength = padLength;
        HeaderBlockFragment = fragment;
    }

    /// <summary>The stream the headers belong to (never 0).</summary>
    public int StreamId { get; }

    /// <summary>True when END_STREAM is set: no DATA follows this field block on this stream.</summary>
    public bool EndStream { get; }

    /// <summary>True when END_HEADERS is set: the field block ends in this frame (no CONTINUATION).</summary>
    public bool EndHeaders { get; }

    /// <summary>The priority fields when the PRIORITY flag is set, otherwise null.</summary>
    public PriorityInfo? Priority { get; }

    /// <summary>The Pad Length field, or null when the frame is not padded.</summary>
    public int? PadLength { get; }

    /// <summary>The field block fragment (HPACK), priority fields and padding removed.</summary>
    public ReadOnlySpan<byte> HeaderBlockFragment { get; }

    /// <summary>Reads and validates a HEADERS frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.Headers"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="ProtocolException">Stream id 0, or padding that does not fit (PROTOCOL_ERROR).</exception>
    /// <exception cref="FrameDataMissingException">The payload is too short for Pad Length or the priority fields (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not a HEADERS header or does not match the payload.</exception>
    public static HeadersFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.Headers, payload);
        // RFC 9113 section 6.2: "If a HEADERS frame is received whose Stream Identifier field
        // is 0x00, the recipient MUST respond with a connection error (Section 5.4.1) of type
        // PROTOCOL_ERROR."
        FrameChecks.RequireStream(header);
        bool hasPriority = (header.Flags & FrameFlags.Priority) != 0;
        // RFC 9113 section 4.2: "An endpoint MUST send an error code of FRAME_SIZE_ERROR if a
        // frame ... is too small to contain mandatory frame data." (a connection error: HEADERS
        // carries a field block). Section 6.2: "If the length of the padding is the length of
        // the frame payload or greater, the recipient MUST treat this as a connection error
        // (Section 5.4.1) of type PROTOCOL_ERROR."
        ReadOnlySpan<byte> rest = FrameChecks.StripPadding(header, payload, hasPriority ? PriorityInfo.Size : 0, out int? padLength);
        PriorityInfo? priority = null;
        if (hasPriority)
        {
            priority = PriorityInfo.Read(rest);
            rest = rest.Slice(PriorityInfo.Size);
        }

        return new HeadersFrame(header.StreamId, header.Flags, priority, padLength, rest);
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int streamId, int fragmentLength, PriorityInfo? priority, int? padLength)
    {
        if (priority is PriorityInfo p)
        {
            FrameSizes.CheckPriority(p);
        }

        long length = FrameSizes.Padded(padLength) + (priority is null ? 0 : PriorityInfo.Size) + (long)fragmentLength;
        return FrameSizes.Total(streamId, length, "fragment", "Send the rest of the field block in CONTINUATION frames.");
    }

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WriteHeaders(Span{byte}, int, ReadOnlySpan{byte}, bool, bool, PriorityInfo?, int?)"/>.</summary>
    internal static int Write(Span<byte> destination, int streamId, ReadOnlySpan<byte> fragment, bool endStream, bool endHeaders, PriorityInfo? priority = null, int? padLength = null)
    {
        int size = Size(streamId, fragment.Length, priority, padLength);
        FrameSizes.CheckDestination(destination, size);
        FrameFlags flags = (endStream ? FrameFlags.EndStream : FrameFlags.None)
            | (endHeaders ? FrameFlags.EndHeaders : FrameFlags.None)
            | (priority is null ? FrameFlags.None : FrameFlags.Priority);
        Span<byte> body = FrameHeader.WritePadded(destination, size, FrameType.Headers, flags, streamId, padLength);
        if (priority is PriorityInfo p)
        {
            p.Write(body);
            body = body.Slice(PriorityInfo.Size);
        }

        fragment.CopyTo(body);
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"HEADERS stream={StreamId} fragment={HeaderBlockFragment.Length}{(PadLength is int p ? $" pad={p}" : "")}{(Priority is PriorityInfo pr ? $" depends_on={pr.StreamDependency} weight={pr.Weight} exclusive={pr.Exclusive}" : "")}{(EndStream ? " END_STREAM" : "")}{(EndHeaders ? " END_HEADERS" : "")}");
}
