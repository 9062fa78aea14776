using System;
using System.Buffers.Binary;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A GOAWAY frame (RFC 9113 section 6.8), a view over the payload without copying.</summary>
public readonly ref struct GoAwayFrame
{
    private GoAwayFrame(int lastStreamId, ErrorCode errorCode, ReadOnlySpan<byte> debugData)
    {
        LastStreamId = lastStreamId;
        ErrorCode = errorCode;
        AdditionalDebugData = debugData;
    }

    /// <summary>The highest stream id the sender may have processed (reserved bit masked off).</summary>
    public int LastStreamId { get; }

    /// <summary>Why the connection is closing; unknown codes pass through as numbers.</summary>
    public ErrorCode ErrorCode { get; }

    /// <summary>Opaque diagnostic octets; may be empty.</summary>
    public ReadOnlySpan<byte> AdditionalDebugData { get; }

    /// <summary>Reads and validates a GOAWAY frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.GoAway"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="ProtocolException">A stream id other than 0 (PROTOCOL_ERROR).</exception>
    /// <exception cref="FrameDataMissingException">The payload is shorter than 8 octets (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not a GOAWAY header or does not match the payload.</exception>
    public static GoAwayFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.GoAway, payload);
        // RFC 9113 section 6.8: "An endpoint MUST treat a GOAWAY frame with a stream identifier
        // other than 0x00 as a connection error (Section 5.4.1) of type PROTOCOL_ERROR."
        FrameChecks.RequireConnection(header);
        // RFC 9113 section 4.2: "An endpoint MUST send an error code of FRAME_SIZE_ERROR if a
        // frame ... is too small to contain mandatory frame data."
        if (payload.Length < 8)
        {
            throw FrameChecks.TooShort(header, 8);
        }

        // RFC 9113 section 4.1: the reserved bit "MUST be ignored when receiving".
        int lastStreamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF);
        var errorCode = (ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(4));
        return new GoAwayFrame(lastStreamId, errorCode, payload.Slice(8));
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int lastStreamId, int debugLength)
    {
        FrameSizes.CheckStreamId(lastStreamId, nameof(lastStreamId));
        return FrameSizes.Total(0, 8L + debugLength, "debugData", "Send less debug data.");
    }

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WriteGoAway(Span{byte}, int, ErrorCode, ReadOnlySpan{byte})"/>.</summary>
    internal static int Write(Span<byte> destination, int lastStreamId, ErrorCode errorCode, ReadOnlySpan<byte> debugData)
    {
        int size = Size(lastStreamId, debugData.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(size - FrameHeader.Size, FrameType.GoAway, FrameFlags.None, 0).Write(destination);
        Span<byte> body = destination.Slice(FrameHeader.Size);
        BinaryPrimitives.WriteUInt32BigEndian(body, (uint)lastStreamId);
        BinaryPrimitives.WriteUInt32BigEndian(body.Slice(4), (uint)errorCode);
        debugData.CopyTo(body.Slice(8));
        return size;
    }

    /// <summary>Describes the frame for logs (debug data shown as text, truncated).</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"GOAWAY last_stream={LastStreamId} error={ErrorCode}{(AdditionalDebugData.IsEmpty ? "" : " debug=\"" + FrameText.Ascii(AdditionalDebugData) + "\"")}");
}
