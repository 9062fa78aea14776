using System;
using System.Buffers.Binary;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>An RST_STREAM frame (RFC 9113 section 6.4).</summary>
public readonly ref struct RstStreamFrame
{
    private RstStreamFrame(int streamId, ErrorCode errorCode)
    {
        StreamId = streamId;
        ErrorCode = errorCode;
    }

    /// <summary>The stream being reset (never 0).</summary>
    public int StreamId { get; }

    /// <summary>Why the stream was reset; unknown codes pass through as numbers.</summary>
    public ErrorCode ErrorCode { get; }

    /// <summary>Reads and validates an RST_STREAM frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.RstStream"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="ProtocolException">Stream id 0 (PROTOCOL_ERROR).</exception>
    /// <exception cref="FrameDataMissingException">The payload is not 4 octets (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not an RST_STREAM header or does not match the payload.</exception>
    public static RstStreamFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.RstStream, payload);
        // RFC 9113 section 6.4: "If a RST_STREAM frame is received with a stream identifier of
        // 0x00, the recipient MUST treat this as a connection error (Section 5.4.1) of type
        // PROTOCOL_ERROR."
        FrameChecks.RequireStream(header);
        // RFC 9113 section 6.4: "A RST_STREAM frame with a length other than 4 octets MUST be
        // treated as a connection error (Section 5.4.1) of type FRAME_SIZE_ERROR."
        if (payload.Length != 4)
        {
            throw FrameChecks.WrongSize(header, "exactly 4");
        }

        return new RstStreamFrame(header.StreamId, (ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload));
    }

    /// <summary>The whole frame's size (13), once the stream id is checked.</summary>
    internal static int Size(int streamId) => FrameSizes.Fixed(streamId, 4);

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WriteRstStream(Span{byte}, int, ErrorCode)"/>.</summary>
    internal static int Write(Span<byte> destination, int streamId, ErrorCode errorCode)
    {
        int size = Size(streamId);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(4, FrameType.RstStream, FrameFlags.None, streamId).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(FrameHeader.Size), (uint)errorCode);
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RST_STREAM stream={StreamId} error={ErrorCode}");
}
