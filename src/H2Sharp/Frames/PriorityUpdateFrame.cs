using System;
using System.Buffers.Binary;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A PRIORITY_UPDATE frame (RFC 9218 section 7.1, type 0x10), a view over the payload without copying.</summary>
public readonly ref struct PriorityUpdateFrame
{
    private PriorityUpdateFrame(int prioritizedStreamId, ReadOnlySpan<byte> fieldValue)
    {
        PrioritizedStreamId = prioritizedStreamId;
        PriorityFieldValue = fieldValue;
    }

    /// <summary>The stream whose priority changes (31 bits, reserved bit masked off; never 0).</summary>
    public int PrioritizedStreamId { get; }

    /// <summary>The Priority field value in ASCII (RFC 9218 section 5, e.g. <c>u=1, i</c>).</summary>
    public ReadOnlySpan<byte> PriorityFieldValue { get; }

    /// <summary>Reads and validates a PRIORITY_UPDATE frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.PriorityUpdate"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="ProtocolException">A stream id other than 0, or a prioritized stream id of 0 (PROTOCOL_ERROR).</exception>
    /// <exception cref="FrameDataMissingException">The payload is shorter than 4 octets (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not a PRIORITY_UPDATE header or does not match the payload.</exception>
    public static PriorityUpdateFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.PriorityUpdate, payload);
        // RFC 9218 section 7.1: "Receiving a PRIORITY_UPDATE frame with a field of any other
        // value [than 0] MUST be treated as a connection error of type PROTOCOL_ERROR."
        FrameChecks.RequireConnection(header);
        // RFC 9113 section 4.2: FRAME_SIZE_ERROR if a frame "is too small to contain mandatory
        // frame data" (a connection error: the stream id is 0).
        if (payload.Length < 4)
        {
            throw FrameChecks.TooShort(header, 4);
        }

        int prioritized = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF);
        // RFC 9218 section 7.1: "If a PRIORITY_UPDATE frame is received with a prioritized
        // stream ID of 0x0, the recipient MUST respond with a connection error of type
        // PROTOCOL_ERROR."
        if (prioritized == 0)
        {
            throw new ProtocolException("A PRIORITY_UPDATE frame must name a prioritized stream, but its Prioritized Stream ID is 0.", ErrorCode.ProtocolError, 0);
        }

        return new PriorityUpdateFrame(prioritized, payload.Slice(4));
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int prioritizedStreamId, int valueLength)
    {
        FrameSizes.CheckStreamId(prioritizedStreamId, nameof(prioritizedStreamId));
        return FrameSizes.Total(0, 4L + valueLength, "fieldValue", "Send a shorter priority field value.");
    }

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WritePriorityUpdate(Span{byte}, int, ReadOnlySpan{byte})"/>.</summary>
    internal static int Write(Span<byte> destination, int prioritizedStreamId, ReadOnlySpan<byte> fieldValue)
    {
        int size = Size(prioritizedStreamId, fieldValue.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(size - FrameHeader.Size, FrameType.PriorityUpdate, FrameFlags.None, 0).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(FrameHeader.Size), (uint)prioritizedStreamId);
        fieldValue.CopyTo(destination.Slice(FrameHeader.Size + 4));
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"PRIORITY_UPDATE prioritized_stream={PrioritizedStreamId} value=\"{FrameText.Ascii(PriorityFieldValue)}\"");
}
