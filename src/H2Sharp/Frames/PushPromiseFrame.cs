using System;
using System.Buffers.Binary;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A PUSH_PROMISE frame (RFC 9113 section 6.6), a view over the payload without copying.</summary>
public readonly ref struct PushPromiseFrame
{
    private PushPromiseFrame(int streamId, bool endHeaders, int promisedStreamId, int? padLength, ReadOnlySpan<byte> fragment)
    {
        StreamId = streamId;
        EndHeaders = endHeaders;
        PromisedStreamId = promisedStreamId;
        PadLength = padLength;
        HeaderBlockFragment = fragment;
    }

    /// <summary>The stream the promise is associated with (never 0).</summary>
    public int StreamId { get; }

    /// <summary>True when END_HEADERS is set: the field block ends in this frame.</summary>
    public bool EndHeaders { get; }

    /// <summary>The stream the sender reserves (31 bits, reserved bit masked off). Whether it is a legal choice is the connection's concern.</summary>
    public int PromisedStreamId { get; }

    /// <summary>The Pad Length field, or null when the frame is not padded.</summary>
    public int? PadLength { get; }

    /// <summary>The field block fragment (HPACK) of the promised request, padding removed.</summary>
    public ReadOnlySpan<byte> HeaderBlockFragment { get; }

    /// <summary>Reads and validates a PUSH_PROMISE frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.PushPromise"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="ProtocolException">Stream id 0, or padding that does not fit (PROTOCOL_ERROR).</exception>
    /// <exception cref="FrameDataMissingException">The payload is too short for Pad Length and the promised stream id (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not a PUSH_PROMISE header or does not match the payload.</exception>
    public static PushPromiseFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.PushPromise, payload);
        // RFC 9113 section 6.6: "If the Stream Identifier field specifies the value 0x00, a
        // recipient MUST respond with a connection error (Section 5.4.1) of type PROTOCOL_ERROR."
        FrameChecks.RequireStream(header);
        // RFC 9113 section 4.2: FRAME_SIZE_ERROR if a frame "is too small to contain mandatory
        // frame data" (a connection error: PUSH_PROMISE carries a field block). Section 6.6:
        // "If the length of the padding is the length of the frame payload or greater, the
        // recipient MUST treat this as a connection error (Section 5.4.1) of type PROTOCOL_ERROR."
        ReadOnlySpan<byte> rest = FrameChecks.StripPadding(header, payload, 4, out int? padLength);
        // RFC 9113 section 6.6: "Reserved: A single reserved bit." (ignored on receipt, section 4.1)
        int promised = (int)(BinaryPrimitives.ReadUInt32BigEndian(rest) & 0x7FFF_FFFF);
        return new PushPromiseFrame(header.StreamId, (header.Flags & FrameFlags.EndHeaders) != 0, promised, padLength, rest.Slice(4));
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int streamId, int promisedStreamId, int fragmentLength, int? padLength)
    {
        FrameSizes.CheckStreamId(promisedStreamId, nameof(promisedStreamId));
        return FrameSizes.Total(streamId, FrameSizes.Padded(padLength) + 4L + fragmentLength, "fragment", "Send the rest of the field block in CONTINUATION frames.");
    }

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WritePushPromise(Span{byte}, int, int, ReadOnlySpan{byte}, bool, int?)"/>.</summary>
    internal static int Write(Span<byte> destination, int streamId, int promisedStreamId, ReadOnlySpan<byte> fragment, bool endHeaders, int? padLength = null)
    {
        int size = Size(streamId, promisedStreamId, fragment.Length, padLength);
        FrameSizes.CheckDestination(destination, size);
        FrameFlags flags = endHeaders ? FrameFlags.EndHeaders : FrameFlags.None;
        Span<byte> body = FrameHeader.WritePadded(destination, size, FrameType.PushPromise, flags, streamId, padLength);
        BinaryPrimitives.WriteUInt32BigEndian(body, (uint)promisedStreamId);
        fragment.CopyTo(body.Slice(4));
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"PUSH_PROMISE stream={StreamId} promised={PromisedStreamId} fragment={HeaderBlockFragment.Length}{(PadLength is int p ? $" pad={p}" : "")}{(EndHeaders ? " END_HEADERS" : "")}");
}
