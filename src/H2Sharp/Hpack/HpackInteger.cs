using System;

namespace H2Sharp.Hpack;

/// <summary>Prefix-coded integers (RFC 7541 section 5.1).</summary>
internal static class HpackInteger
{
    /// <summary>
    /// The most continuation octets accepted after the prefix. Values are limited to 2^31-1
    /// (every length and index we handle is an int); 5 octets of 7 bits reach 2^35, so a sixth
    /// octet can only be overflow or padding with zero groups, which RFC 7541 section 5.1 allows
    /// an implementation to refuse ("Integer encodings that exceed implementation limits").
    /// </summary>
    public const int MaxContinuationOctets = 5;

    /// <summary>The longest encoding <see cref="Write"/> produces: the prefix octet plus 5.</summary>
    public const int MaxEncodedLength = 1 + MaxContinuationOctets;

    /// <summary>Reads an integer starting at <paramref name="position"/>.</summary>
    /// <param name="source">The octets; <paramref name="position"/> must be inside.</param>
    /// <param name="position">Where the prefix octet is.</param>
    /// <param name="prefixBits">N, the prefix width (1..8).</param>
    /// <param name="value">The value read.</param>
    /// <returns>The position after the integer, or -1 if <paramref name="source"/> ends first.</returns>
    /// <exception cref="HpackIntegerException">The value exceeds 2^31-1 or the encoding runs on.</exception>
    public static int Read(ReadOnlySpan<byte> source, int position, int prefixBits, out int value)
    {
        int mask = (1 << prefixBits) - 1;
        value = source[position] & mask;
        position++;
        if (value < mask)
        {
            return position;
        }

        ulong result = (ulong)mask;
        for (int octets = 0; ; octets++)
        {
            if (position >= source.Length)
            {
                value = 0;
                return -1;
            }

            if (octets == MaxContinuationOctets)
            {
                throw new HpackIntegerException("An HPACK integer runs on past " + MaxContinuationOctets + " continuation octets.");
            }

            byte b = source[position++];
            result += (ulong)(b & 0x7F) << (7 * octets);
            if (result > int.MaxValue)
            {
                throw new HpackIntegerException("An HPACK integer exceeds 2^31-1.");
            }

            if (b < 0x80)
            {
                value = (int)result;
                return position;
            }
        }
    }

    /// <summary>Writes <paramref name="value"/> with an N-bit prefix.</summary>
    /// <param name="destination">Room for <see cref="MaxEncodedLength"/> octets at <paramref name="position"/>.</param>
    /// <param name="position">Where to write the prefix octet.</param>
    /// <param name="value">A value from 0 to 2^31-1.</param>
    /// <param name="prefixBits">N, the prefix width (1..8).</param>
    /// <param name="flags">The bits above the prefix in the first octet.</param>
    /// <returns>The position after the integer.</returns>
    public static int Write(Span<byte> destination, int position, int value, int prefixBits, byte flags)
    {
        int mask = (1 << prefixBits) - 1;
        if (value < mask)
        {
            destination[position] = (byte)(flags | value);
            return position + 1;
        }

        destination[position++] = (byte)(flags | mask);
        uint rest = (uint)(value - mask);
        while (rest >= 0x80)
        {
            destination[position++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        destination[position] = (byte)rest;
        return position + 1;
    }
}
