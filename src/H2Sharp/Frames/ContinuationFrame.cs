using System;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A CONTINUATION frame (RFC 9113 section 6.10), a view over the payload without copying.</summary>
public readonly ref struct ContinuationFrame
{
    private ContinuationFrame(int streamId, bool endHeaders, ReadOnlySpan<byte> fragment)
    {
        StreamId = streamId;
        EndHeaders = endHeaders;
        HeaderBlockFragment = fragment;
    }

    /// <summary>The stream whose field block continues (never 0).</summary>
    public int StreamId { get; }

    /// <summary>True when END_HEADERS is set: the field block ends in this frame.</summary>
    public bool EndHeaders { get; }

    /// <summary>The next fragment of the field block (HPACK).</summary>
    public ReadOnlySpan<byte> HeaderBlockFragment { get; }

    /// <summary>Reads and validates a CONTINUATION frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.Continuation"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="ProtocolException">Stream id 0 (PROTOCOL_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not a CONTINUATION header or does not match the payload.</exception>
    public static ContinuationFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.Continuation, payload);
        // RFC 9113 section 6.10: "If a CONTINUATION frame is received with a Stream Identifier
        // field of 0x00, the recipient MUST respond with a connection error (Section 5.4.1) of
        // type PROTOCOL_ERROR."
        FrameChecks.RequireStream(header);
        return new ContinuationFrame(header.StreamId, (header.Flags & FrameFlags.EndHeaders) != 0, payload);
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field.</summary>
    internal static int Size(int streamId, int fragmentLength) =>
        FrameSizes.Total(streamId, fragmentLength, "fragment", "Send the rest of the field block in CONTINUATION frames.");

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WriteContinuation(Span{byte}, int, ReadOnlySpan{byte}, bool)"/>.</summary>
    internal static int Write(Span<byte> destination, int streamId, ReadOnlySpan<byte> fragment, bool endHeaders)
    {
        int size = Size(streamId, fragment.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(fragment.Length, FrameType.Continuation, endHeaders ? FrameFlags.EndHeaders : FrameFlags.None, streamId).Write(destination);
        fragment.CopyTo(destination.Slice(FrameHeader.Size));
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CONTINUATION stream={StreamId} fragment={HeaderBlockFragment.Length}{(EndHeaders ? " END_HEADERS" : "")}");
}
