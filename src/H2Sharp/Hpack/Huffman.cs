using System;

namespace H2Sharp.Hpack;

/// <summary>
/// HPACK Huffman coding (RFC 7541 section 5.2): encoding from the canonical code table
/// (<see cref="HuffmanCode"/>), decoding with the 4-bit state table (<see cref="HuffmanDecodeTable"/>).
/// </summary>
internal static class Huffman
{
    /// <summary>The octets <paramref name="source"/> takes once Huffman-coded, padding included.</summary>
    /// <param name="source">The raw string.</param>
    /// <returns>The encoded length in octets.</returns>
    public static long GetEncodedLength(ReadOnlySpan<byte> source)
    {
        ReadOnlySpan<byte> lengths = HuffmanCode.Lengths;
        long bits = 0;
        foreach (byte b in source)
        {
            bits += lengths[b];
        }

        return (bits + 7) >> 3;
    }

    /// <summary>Huffman-codes <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The raw string.</param>
    /// <param name="destination">At least <see cref="GetEncodedLength"/> octets.</param>
    /// <returns>The octets written.</returns>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ReadOnlySpan<uint> codes = HuffmanCode.Codes;
        ReadOnlySpan<byte> lengths = HuffmanCode.Lengths;
        ulong accumulator = 0; // pending bits, right-aligned
        int pendingBits = 0;
        int written = 0;
        foreach (byte b in source)
        {
            accumulator = (accumulator << lengths[b]) | codes[b];
            pendingBits += lengths[b];
            while (pendingBits >= 8)
            {
                pendingBits -= 8;
                destination[written++] = (byte)(accumulator >> pendingBits);
            }
        }

        if (pendingBits > 0)
        {
            // "padding ... corresponding to the most significant bits of the code for the EOS
            // symbol" (RFC 7541 section 5.2): all ones.
            destination[written++] = (byte)((accumulator << (8 - pendingBits)) | (0xFFu >> pendingBits));
        }

        return written;
    }

    /// <summary>The most octets decoding <paramref name="encodedLength"/> octets can produce (5-bit shortest code).</summary>
    /// <param name="encodedLength">The encoded length.</param>
    /// <returns>An upper bound on the decoded length.</returns>
    public static int MaxDecodedLength(int encodedLength) => (int)(((long)encodedLength * 8) / 5);

    /// <summary>Decodes a whole Huffman-coded string.</summary>
    /// <param name="source">The encoded octets.</param>
    /// <param name="destination">At least <see cref="MaxDecodedLength"/> octets.</param>
    /// <returns>The decoded length.</returns>
    /// <exception cref="HpackHuffmanException">EOS was decoded, or the padding is invalid.</exception>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ReadOnlySpan<uint> table = HuffmanDecodeTable.Transitions;
        uint state = 0;
        bool accept = true;
        int written = 0;
        foreach (byte b in source)
        {
            uint high = table[(int)((state << 4) | (uint)(b >> 4))];
            uint entry = table[(int)(((high & 0xFF) << 4) | (uint)(b & 0xF))];
            if (((high | entry) & HuffmanDecodeTable.FailFlag) != 0)
            {
                throw EosException();
            }

            if ((high & HuffmanDecodeTable.EmitFlag) != 0)
            {
                destination[written++] = (byte)(high >> 8);
            }

            if ((entry & HuffmanDecodeTable.EmitFlag) != 0)
            {
                destination[written++] = (byte)(entry >> 8);
            }

            state = entry & 0xFF;
            accept = (entry & HuffmanDecodeTable.AcceptFlag) != 0;
        }

        // "A padding strictly longer than 7 bits MUST be treated as a decoding error. A padding
        // not corresponding to the most significant bits of the code for the EOS symbol MUST be
        // treated as a decoding error." (RFC 7541 section 5.2)
        if (!accept)
        {
            throw new HpackHuffmanException("Huffman padding is longer than 7 bits or not all ones.");
        }

        return written;
    }

    // "A Huffman-encoded string literal containing the EOS symbol MUST be treated as a decoding
    // error." (RFC 7541 section 5.2)
    private static HpackHuffmanException EosException() => new("A Huffman-coded string contains EOS.");
}
