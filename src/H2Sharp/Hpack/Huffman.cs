using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace H2Sharp.Hpack;

/// <summary>
/// HPACK Huffman coding (RFC 7541 section 5.2): encoding from the canonical code table
/// (<see cref="HuffmanCode"/>), decoding with the 4-bit state table (<see cref="HuffmanDecodeTable"/>).
/// </summary>
internal static class Huffman
{
    // Each symbol's code (low 32 bits, right-aligned) and length in bits (high 32 bits) in one
    // word, so the encoder does one load per octet; built from HuffmanCode's two columns.
    private static readonly ulong[] s_codeAndLength = BuildCodeAndLength();

    /// <summary>The octets <paramref name="source"/> takes once Huffman-coded, padding included.</summary>
    /// <param name="source">The raw string.</param>
    /// <returns>The encoded length in octets.</returns>
    public static long GetEncodedLength(ReadOnlySpan<byte> source)
    {
        ref byte lengths = ref MemoryMarshal.GetReference(HuffmanCode.Lengths);
        ref byte b = ref MemoryMarshal.GetReference(source);
        int n = source.Length;
        // Four independent sums keep the adds out of one dependency chain.
        long bits0 = 0, bits1 = 0, bits2 = 0, bits3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            bits0 += Unsafe.Add(ref lengths, Unsafe.Add(ref b, i));
            bits1 += Unsafe.Add(ref lengths, Unsafe.Add(ref b, i + 1));
            bits2 += Unsafe.Add(ref lengths, Unsafe.Add(ref b, i + 2));
            bits3 += Unsafe.Add(ref lengths, Unsafe.Add(ref b, i + 3));
        }

        for (; i < n; i++)
        {
            bits0 += Unsafe.Add(ref lengths, Unsafe.Add(ref b, i));
        }

        return (bits0 + bits1 + bits2 + bits3 + 7) >> 3;
    }

    /// <summary>Huffman-codes <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The raw string.</param>
    /// <param name="destination">At least <see cref="GetEncodedLength"/> octets.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetEncodedLength"/>.</exception>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination) =>
        Encode(source, destination, GetEncodedLength(source));

    /// <summary>As <see cref="Encode(ReadOnlySpan{byte}, Span{byte})"/>, with the length already known.</summary>
    /// <param name="source">The raw string.</param>
    /// <param name="destination">At least <paramref name="encodedLength"/> octets.</param>
    /// <param name="encodedLength"><see cref="GetEncodedLength"/> of <paramref name="source"/>.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="encodedLength"/>.</exception>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination, long encodedLength)
    {
        // The unchecked writes below rely on this bound: every full 32-bit word flushed and every
        // tail octet lies inside the encoded length.
        if (destination.Length < encodedLength)
        {
            throw new ArgumentException("The destination is shorter than the Huffman-coded string.", nameof(destination));
        }

        ref ulong table = ref MemoryMarshal.GetArrayDataReference(s_codeAndLength);
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        // Pending bits, right-aligned. Codes are at most 30 bits and fewer than 32 bits stay
        // pending after a flush, so 62 bits at most are live in the 64-bit accumulator; the bits
        // shifted out at the top were already written.
        ulong accumulator = 0;
        int pendingBits = 0;
        int written = 0;
        for (int i = 0; i < source.Length; i++)
        {
            ulong entry = Unsafe.Add(ref table, Unsafe.Add(ref src, i));
            int length = (int)(entry >> 32);
            accumulator = (accumulator << length) | (uint)entry;
            pendingBits += length;
            if (pendingBits >= 32)
            {
                pendingBits -= 32;
                uint word = (uint)(accumulator >> pendingBits);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, written), BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(word) : word);
                written += 4;
            }
        }

        while (pendingBits >= 8)
        {
            pendingBits -= 8;
            Unsafe.Add(ref dst, written++) = (byte)(accumulator >> pendingBits);
        }

        if (pendingBits > 0)
        {
            // "padding ... corresponding to the most significant bits of the code for the EOS
            // symbol" (RFC 7541 section 5.2): all ones.
            Unsafe.Add(ref dst, written++) = (byte)((accumulator << (8 - pendingBits)) | (0xFFu >> pendingBits));
        }

        return written;
    }

    private static ulong[] BuildCodeAndLength()
    {
        var table = new ulong[256];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = ((ulong)HuffmanCode.Lengths[i] << 32) | HuffmanCode.Codes[i];
        }

        return table;
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
