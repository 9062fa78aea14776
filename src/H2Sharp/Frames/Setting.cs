using System;
using System.Buffers.Binary;

namespace H2Sharp.Frames;

/// <summary>One setting of a SETTINGS frame (RFC 9113 section 6.5.1).</summary>
/// <param name="Code">The identifier; unknown identifiers pass through as numbers.</param>
/// <param name="Value">The 32-bit value.</param>
public readonly record struct Setting(SettingCode Code, uint Value)
{
    /// <summary>The size of one setting on the wire: a 2-octet identifier and a 4-octet value.</summary>
    public const int Size = 6;

    /// <summary>Reads one setting from its 6 octets (RFC 9113 6.5.1: identifier, then value, big-endian).</summary>
    internal static Setting Read(ReadOnlySpan<byte> octets) =>
        new((SettingCode)BinaryPrimitives.ReadUInt16BigEndian(octets), BinaryPrimitives.ReadUInt32BigEndian(octets.Slice(2)));

    /// <summary>Writes this setting into the first 6 octets of <paramref name="destination"/>.</summary>
    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Code);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(2), Value);
    }
}
