using System;
using System.Buffers.Binary;

namespace H2Sharp.Frames;

/// <summary>
/// The RFC 7540 priority fields carried by PRIORITY frames and by HEADERS frames with the
/// PRIORITY flag (RFC 9113 sections 5.3.2, 6.2 and 6.3).
/// </summary>
/// <param name="StreamDependency">The stream this one depends on (31 bits; 0 = the root).</param>
/// <param name="Weight">The weight, 1 to 256; the wire carries <c>Weight - 1</c>.</param>
/// <param name="Exclusive">True when the dependency is exclusive (the E bit).</param>
public readonly record struct PriorityInfo(int StreamDependency, int Weight, bool Exclusive)
{
    /// <summary>The size of the priority fields on the wire: a 4-octet dependency and a 1-octet weight.</summary>
    public const int Size = 5;

    /// <summary>Reads E, Stream Dependency and Weight from 5 octets.</summary>
    internal static PriorityInfo Read(ReadOnlySpan<byte> fields)
    {
        uint dependency = BinaryPrimitives.ReadUInt32BigEndian(fields);
        return new PriorityInfo((int)(dependency & 0x7FFF_FFFF), fields[4] + 1, (dependency & 0x8000_0000) != 0);
    }

    /// <summary>Writes the fields into the first 5 octets of <paramref name="destination"/> (E bit, 31-bit dependency, weight - 1).</summary>
    internal void Write(Span<byte> destination)
    {
        uint dependency = (uint)StreamDependency | (Exclusive ? 0x8000_0000u : 0u);
        BinaryPrimitives.WriteUInt32BigEndian(destination, dependency);
        destination[4] = (byte)(Weight - 1);
    }
}
