using System;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>
/// A frame of a type this layer does not know, kept whole so it can be reported (RFC 9113
/// section 4.1: "Implementations MUST ignore and discard frames of unknown types").
/// </summary>
public readonly ref struct UnknownFrame
{
    private UnknownFrame(byte type, FrameFlags flags, int streamId, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Flags = flags;
        StreamId = streamId;
        Payload = payload;
    }

    /// <summary>The frame type number.</summary>
    public byte Type { get; }

    /// <summary>The flags, as received.</summary>
    public FrameFlags Flags { get; }

    /// <summary>The stream identifier (reserved bit masked off); may be 0.</summary>
    public int StreamId { get; }

    /// <summary>The whole payload.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Wraps any frame as an unknown frame. Never throws for peer input: nothing is checked.</summary>
    /// <param name="header">The frame header, of any type.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="ArgumentException">The payload does not match the header's length.</exception>
    public static UnknownFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, header.Type, payload);
        return new UnknownFrame((byte)header.Type, header.Flags, header.StreamId, payload);
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int streamId, int payloadLength) =>
        FrameSizes.Total(streamId, payloadLength, "payload", "Send a shorter payload.");

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WriteUnknown(Span{byte}, byte, FrameFlags, int, ReadOnlySpan{byte})"/>.</summary>
    internal static int Write(Span<byte> destination, byte type, FrameFlags flags, int streamId, ReadOnlySpan<byte> payload)
    {
        int size = Size(streamId, payload.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(payload.Length, (FrameType)type, flags, streamId).Write(destination);
        payload.CopyTo(destination.Slice(FrameHeader.Size));
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"UNKNOWN(0x{Type:x2}) stream={StreamId} flags=0x{(byte)Flags:x2} length={Payload.Length}");
}
