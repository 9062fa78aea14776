using System;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A DATA frame (RFC 9113 section 6.1), a view over the payload without copying.</summary>
public readonly ref struct DataFrame
{
    private DataFrame(int streamId, bool endStream, ReadOnlySpan<byte> data, int? padLength, int flowControlledLength)
    {
        StreamId = streamId;
        EndStream = endStream;
        Data = data;
        PadLength = padLength;
        FlowControlledLength = flowControlledLength;
    }

    /// <summary>The stream the data belongs to (never 0).</summary>
    public int StreamId { get; }

    /// <summary>True when END_STREAM is set: the sender's last frame on this stream.</summary>
    public bool EndStream { get; }

    /// <summary>The data octets, padding removed; valid as long as the payload span is.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The Pad Length field, or null when the frame is not padded.</summary>
    public int? PadLength { get; }

    /// <summary>The octets the frame counts against flow control: the whole payload, padding included.</summary>
    public int FlowControlledLength { get; }

    /// <summary>Reads and validates a DATA frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.Data"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="ProtocolException">Stream id 0, or padding not shorter than the payload (PROTOCOL_ERROR).</exception>
    /// <exception cref="FrameDataMissingException">PADDED is set but the payload is empty (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not a DATA header or does not match the payload.</exception>
    public static DataFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.Data, payload);
        // RFC 9113 section 6.1: "If a DATA frame is received whose Stream Identifier field is
        // 0x00, the recipient MUST respond with a connection error (Section 5.4.1) of type
        // PROTOCOL_ERROR."
        FrameChecks.RequireStream(header);
        // RFC 9113 section 6.1: "If the length of the padding is the length of the frame
        // payload or greater, the recipient MUST treat this as a connection error (Section
        // 5.4.1) of type PROTOCOL_ERROR."
        ReadOnlySpan<byte> data = FrameChecks.StripPadding(header, payload, 0, out int? padLength);
        return new DataFrame(header.StreamId, (header.Flags & FrameFlags.EndStream) != 0, data, padLength, payload.Length);
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int streamId, int dataLength, int? padLength) =>
        FrameSizes.Total(streamId, FrameSizes.Padded(padLength) + (long)dataLength, "data", "Send the data over several DATA frames.");

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WriteData(Span{byte}, int, ReadOnlySpan{byte}, bool, int?)"/>.</summary>
    internal static int Write(Span<byte> destination, int streamId, ReadOnlySpan<byte> data, bool endStream, int? padLength = null)
    {
        int size = Size(streamId, data.Length, padLength);
        FrameSizes.CheckDestination(destination, size);
        FrameFlags flags = endStream ? FrameFlags.EndStream : FrameFlags.None;
        Span<byte> body = FrameHeader.WritePadded(destination, size, FrameType.Data, flags, streamId, padLength);
        data.CopyTo(body);
        return size;
    }

    /// <summary>Describes the frame for logs, e.g. <c>DATA stream=1 data=5 END_STREAM</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"DATA stream={StreamId} data={Data.Length}{(PadLength is int p ? $" pad={p}" : "")}{(EndStream ? " END_STREAM" : "")}");
}
