using System;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A PRIORITY frame (RFC 9113 section 6.3): the deprecated RFC 7540 priority signal.</summary>
public readonly ref struct PriorityFrame
{
    private PriorityFrame(int streamId, PriorityInfo priority)
    {
        StreamId = streamId;
        Priority = priority;
    }

    /// <summary>The stream being prioritised (never 0).</summary>
    public int StreamId { get; }

    /// <summary>The priority fields.</summary>
    public PriorityInfo Priority { get; }

    /// <summary>Reads and validates a PRIORITY frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.Priority"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="ProtocolException">Stream id 0 (PROTOCOL_ERROR, connection error).</exception>
    /// <exception cref="FrameDataMissingException">The payload is not 5 octets (FRAME_SIZE_ERROR, a stream error: <see cref="ProtocolException.StreamId"/> is the frame's stream).</exception>
    /// <exception cref="ArgumentException">The header is not a PRIORITY header or does not match the payload.</exception>
    public static PriorityFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.Priority, payload);
        // RFC 9113 section 6.3: "If a PRIORITY frame is received with a stream identifier of
        // 0x00, the recipient MUST respond with a connection error (Section 5.4.1) of type
        // PROTOCOL_ERROR."
        FrameChecks.RequireStream(header);
        // RFC 9113 section 6.3: "A PRIORITY frame with a length other than 5 octets MUST be
        // treated as a stream error (Section 5.4.2) of type FRAME_SIZE_ERROR."
        if (payload.Length != PriorityInfo.Size)
        {
            throw FrameChecks.WrongSize(header, "exactly 5", header.StreamId);
        }

        return new PriorityFrame(header.StreamId, PriorityInfo.Read(payload));
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int streamId, PriorityInfo priority)
    {
        FrameSizes.CheckPriority(priority);
        return FrameSizes.Total(streamId, PriorityInfo.Size, nameof(priority), "");
    }

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WritePriority(Span{byte}, int, PriorityInfo)"/>.</summary>
    internal static int Write(Span<byte> destination, int streamId, PriorityInfo priority)
    {
        int size = Size(streamId, priority);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(PriorityInfo.Size, FrameType.Priority, FrameFlags.None, streamId).Write(destination);
        priority.Write(destination.Slice(FrameHeader.Size));
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"PRIORITY stream={StreamId} depends_on={Priority.StreamDependency} weight={Priority.Weight} exclusive={Priority.Exclusive}");
}
