using System.Buffers.Binary;

namespace H2Sharp.Server.Tests.Support;

/// <summary>One frame as it came off the wire (RFC 9113 section 4.1), undecoded.</summary>
internal sealed record RawFrame(byte Type, byte Flags, int StreamId, byte[] Payload)
{
    public const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8;
    public const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4;

    public bool Has(byte flag) => (Flags & flag) != 0;

    /// <summary>RST_STREAM's or GOAWAY's error code.</summary>
    public ErrorCode ErrorCode => (ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(Type == GoAway ? Payload.AsSpan(4) : Payload);

    /// <summary>GOAWAY's last stream id.</summary>
    public int LastStreamId => (int)(BinaryPrimitives.ReadUInt32BigEndian(Payload) & 0x7FFF_FFFF);

    public override string ToString() => $"type {Type} flags 0x{Flags:x} stream {StreamId} length {Payload.Length}";
}
