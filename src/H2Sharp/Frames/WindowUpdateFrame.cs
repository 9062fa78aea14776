using System;
using System.Buffers.Binary;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A WINDOW_UPDATE frame (RFC 9113 section 6.9).</summary>
public readonly ref struct WindowUpdateFrame
{
    private WindowUpdateFrame(int streamId, int increment)
    {
        StreamId = streamId;
        WindowSizeIncrement = increment;
    }

    /// <summary>The stream whose window grows, or 0 for the connection window.</summary>
    public int StreamId { get; }

    /// <summary>
    /// The increment, 0 to 2^31-1 (reserved bit masked off). 0 is returned, not rejected: the
    /// connection decides whether it is a stream or a connection error (RFC 9113 section 6.9).
    /// </summary>
    public int WindowSizeIncrement { get; }

    /// <summary>Reads and validates a WINDOW_UPDATE frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.WindowUpdate"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="FrameDataMissingException">The payload is not 4 octets (FRAME_SIZE_ERROR, connection error).</exception>
    /// <exception cref="ArgumentException">The header is not a WINDOW_UPDATE header or does not match the payload.</exception>
    public static WindowUpdateFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.WindowUpdate, payload);
        // RFC 9113 section 6.9: "A WINDOW_UPDATE frame with a length other than 4 octets MUST be
        // treated as a connection error (Section 5.4.1) of type FRAME_SIZE_ERROR."
        if (payload.Length != 4)
        {
            throw FrameChecks.WrongSize(header, "exactly 4");
        }

        // RFC 9113 section 6.9: "one reserved bit plus an unsigned 31-bit integer"; the
        // reserved bit "MUST be ignored when receiving" (section 4.1).
        return new WindowUpdateFrame(header.StreamId, (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF));
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int streamId, int increment)
    {
        if (increment < 0)
        {
            throw FrameSizes.OutOfRange(nameof(increment), increment, "A window size increment is a 31-bit number: use 1 to 2,147,483,647.");
        }

        return FrameSizes.Total(streamId, 4, nameof(increment), "");
    }

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WriteWindowUpdate(Span{byte}, int, int)"/>.</summary>
    internal static int Write(Span<byte> destination, int streamId, int increment)
    {
        int size = Size(streamId, increment);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(4, FrameType.WindowUpdate, FrameFlags.None, streamId).Write(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(FrameHeader.Size), (uint)increment);
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"WINDOW_UPDATE stream={StreamId} increment={WindowSizeIncrement}");
}
