using System;
using System.Buffers.Binary;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>A PING frame (RFC 9113 section 6.7).</summary>
public readonly ref struct PingFrame
{
    private PingFrame(bool ack, ulong opaqueData)
    {
        Ack = ack;
        OpaqueData = opaqueData;
    }

    /// <summary>True when ACK is set: this is a PING response.</summary>
    public bool Ack { get; }

    /// <summary>The 8 opaque octets, read as a big-endian 64-bit integer.</summary>
    public ulong OpaqueData { get; }

    /// <summary>Reads and validates a PING frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.Ping"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="ProtocolException">A stream id other than 0 (PROTOCOL_ERROR).</exception>
    /// <exception cref="FrameDataMissingException">The payload is not 8 octets (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not a PING header or does not match the payload.</exception>
    public static PingFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.Ping, payload);
        // RFC 9113 section 6.7: "If a PING frame is received with a Stream Identifier field
        // value other than 0x00, the recipient MUST respond with a connection error (Section
        // 5.4.1) of type PROTOCOL_ERROR."
        FrameChecks.RequireConnection(header);
        // RFC 9113 section 6.7: "Receipt of a PING frame with a length field value other than 8
        // MUST be treated as a connection error (Section 5.4.1) of type FRAME_SIZE_ERROR."
        if (payload.Length != 8)
        {
            throw FrameChecks.WrongSize(header, "exactly 8");
        }

        return new PingFrame((header.Flags & FrameFlags.Ack) != 0, BinaryPrimitives.ReadUInt64BigEndian(payload));
    }

    /// <summary>The whole frame's size (17).</summary>
    internal static int Size() => FrameSizes.Fixed(0, 8);

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WritePing(Span{byte}, ulong, bool)"/>.</summary>
    internal static int Write(Span<byte> destination, ulong opaqueData, bool ack)
    {
        int size = Size();
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(8, FrameType.Ping, ack ? FrameFlags.Ack : FrameFlags.None, 0).Write(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(FrameHeader.Size), opaqueData);
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PING data=0x{OpaqueData:x16}{(Ack ? " ACK" : "")}");
}
