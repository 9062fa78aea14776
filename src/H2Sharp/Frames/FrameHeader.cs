using System;
using System.Buffers.Binary;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>
/// The 9-octet header that starts every frame (RFC 9113 section 4.1): a 24-bit payload
/// length, the type, the flags, a reserved bit and a 31-bit stream identifier.
/// </summary>
public readonly struct FrameHeader : IEquatable<FrameHeader>
{
    /// <summary>The size of a frame header on the wire.</summary>
    public const int Size = 9;

    /// <summary>The largest payload length the 24-bit Length field can carry (2^24-1).</summary>
    public const int MaxLength = 0xFF_FFFF;

    /// <summary>Creates a frame header.</summary>
    /// <param name="length">The payload length, 0 to 2^24-1 (the 9 header octets are not counted).</param>
    /// <param name="type">The frame type; unknown types are allowed.</param>
    /// <param name="flags">The flags.</param>
    /// <param name="streamId">The stream identifier, 0 to 2^31-1; 0 means the connection.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its field.</exception>
    public FrameHeader(int length, FrameType type, FrameFlags flags, int streamId)
    {
        if ((uint)length > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A frame payload length must be 0 to 16,777,215 (24 bits); split the payload over several frames.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(streamId);
        Length = length;
        Type = type;
        Flags = flags;
        StreamId = streamId;
    }

    /// <summary>The payload length in octets, not counting the 9 header octets.</summary>
    public int Length { get; }

    /// <summary>The frame type; unknown types keep their number.</summary>
    public FrameType Type { get; }

    /// <summary>The flags, as received (including flags the type does not define).</summary>
    public FrameFlags Flags { get; }

    /// <summary>The stream identifier; the reserved bit is masked off on read and written as 0.</summary>
    public int StreamId { get; }

    /// <summary>Reads a frame header from the first 9 octets of <paramref name="source"/>.</summary>
    /// <param name="source">At least 9 octets.</param>
    /// <returns>The header; the reserved bit of the stream identifier is ignored.</returns>
    /// <exception cref="ArgumentException"><paramref name="source"/> is shorter than 9 octets.</exception>
    public static FrameHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException("A frame header needs 9 octets; wait for more input before reading it.", nameof(source));
        }

        int length = (source[0] << 16) | (source[1] << 8) | source[2];
        // RFC 9113 section 4.1: "The semantics of this bit are undefined, and the bit MUST
        // remain unset (0x00) when sending and MUST be ignored when receiving."
        int streamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(source.Slice(5)) & 0x7FFF_FFFF);
        return new FrameHeader(length, (FrameType)source[3], (FrameFlags)source[4], streamId);
    }

    /// <summary>Writes the header into the first 9 octets of <paramref name="destination"/>, reserved bit 0.</summary>
    /// <param name="destination">At least 9 octets.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 9 octets.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("A frame header needs 9 octets; pass a larger destination.", nameof(destination));
        }

        destination[0] = (byte)(Length >> 16);
        destination[1] = (byte)(Length >> 8);
        destination[2] = (byte)Length;
        destination[3] = (byte)Type;
        destination[4] = (byte)Flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(5), (uint)StreamId);
    }

    /// <summary>Describes the header, e.g. <c>HEADERS stream=1 length=12 flags=END_STREAM|END_HEADERS</c>.</summary>
    /// <returns>A one-line description for logs.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{FrameText.TypeName(Type)} stream={StreamId} length={Length} flags={FrameText.FlagNames(Type, Flags)}");

    /// <summary>Compares all four fields.</summary>
    /// <param name="other">The header to compare with.</param>
    /// <returns>True when length, type, flags and stream id are equal.</returns>
    public bool Equals(FrameHeader other) =>
        Length == other.Length && Type == other.Type && Flags == other.Flags && StreamId == other.StreamId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FrameHeader other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Length, Type, Flags, StreamId);

    /// <summary>Compares two headers field by field.</summary>
    /// <param name="left">The first header.</param>
    /// <param name="right">The second header.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(FrameHeader left, FrameHeader right) => left.Equals(right);

    /// <summary>Compares two headers field by field.</summary>
    /// <param name="left">The first header.</param>
    /// <param name="right">The second header.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(FrameHeader left, FrameHeader right) => !left.Equals(right);

    /// <summary>
    /// Writes the header of a frame that may be padded (DATA, HEADERS, PUSH_PROMISE) and, when
    /// <paramref name="padLength"/> is set, the Pad Length octet and the zeroed padding; returns
    /// the room left between them for the frame's own fields. RFC 9113 section 6.1: "Padding
    /// octets MUST be set to zero when sending".
    /// </summary>
    internal static Span<byte> WritePadded(Span<byte> destination, int size, FrameType type, FrameFlags flags, int streamId, int? padLength)
    {
        int payloadLength = size - Size;
        Span<byte> payload = destination.Slice(Size, payloadLength);
        if (padLength is not int pad)
        {
            new FrameHeader(payloadLength, type, flags, streamId).Write(destination);
            return payload;
        }

        new FrameHeader(payloadLength, type, flags | FrameFlags.Padded, streamId).Write(destination);
        payload[0] = (byte)pad;
        payload.Slice(payloadLength - pad).Clear();
        return payload.Slice(1, payloadLength - 1 - pad);
    }
}
