using System;
using System.Buffers.Binary;
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

        return new PriorityFrame(header.StreamId, ReadPriority(payload));
    }

    /// <summary>Reads E, Stream Dependency and Weight from 5 octets.</summary>
    internal static PriorityInfo ReadPriority(ReadOnlySpan<byte> fields)
    {
        uint dependency = BinaryPrimitives.ReadUInt32BigEndian(fields);
        return new PriorityInfo((int)(dependency & 0x7FFF_FFFF), fields[4] + 1, (dependency & 0x8000_0000) != 0);
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"PRIORITY stream={StreamId} depends_on={Priority.StreamDependency} weight={Priority.Weight} exclusive={Priority.Exclusive}");
}
