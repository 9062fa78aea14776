using System;
using System.Diagnostics;
using System.Reflection;
using H2Sharp.Fuzz.Support;
using H2Sharp.Hpack;

namespace H2Sharp.Fuzz.Targets;

/// <summary>
/// Target "hpack-memory": a decompression bomb. The input is a prefix and a unit: byte 0 picks
/// the fragment size (1 to 4,096 octets) and the prefix length (byte 1, at most the rest); the
/// block is the prefix, then the unit repeated up to <see cref="BombSize"/> octets, fed in fragments.
/// A typical bomb: prefix = one literal adding a large entry to the table, unit = an index
/// referencing it (1 octet that expands to kilobytes).
/// </summary>
/// <remarks>
/// Invariants, with a 4,096-octet list limit and table: no more than the limit is passed on, and
/// what the decoder allocates while decoding the whole MiB stays under
/// <see cref="AllocationBound"/>, far below the input size, let alone the expanded size. The
/// header list limit is what stops the bomb.
/// </remarks>
public static class HpackMemoryTarget
{
    /// <summary>
    /// Whether the allocation bound is checked: only against an optimised H2Sharp build. A Debug
    /// build allocates on paths that Release does not (unoptimised code reading the Huffman
    /// table, a collection-expression span property, allocates 72 octets per string), which
    /// says nothing about the decoder's design. CI and run-afl.sh use Release.
    /// </summary>
    public static bool ChecksAllocations { get; } =
        typeof(HpackDecoder).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

    /// <summary>The size of the adversarial block: 1 MiB.</summary>
    public const int BombSize = 1 << 20;

    /// <summary>The header list limit and table size used.</summary>
    public const int Limit = 4096;

    /// <summary>
    /// Allocation allowed while decoding the bomb: a few buffers of the largest field the limits
    /// let through (a Huffman string can encode 4,096 octets in 15,360), independent of input size.
    /// </summary>
    public const long AllocationBound = 256 * 1024;

    // One buffer per thread: the tests run targets in parallel; the fuzzer reuses it per input.
    [ThreadStatic]
    private static byte[]? t_block;

    /// <summary>Runs the target on one input.</summary>
    /// <param name="input">Fragment size byte, prefix length byte, then prefix and unit.</param>
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 3)
        {
            return;
        }

        int fragmentSize = 1 + (input[0] * 16);
        ReadOnlySpan<byte> body = input[2..];
        int prefixLength = Math.Min(input[1], body.Length - 1);
        ReadOnlySpan<byte> prefix = body[..prefixLength];
        ReadOnlySpan<byte> unit = body[prefixLength..];
        byte[] block = t_block ??= new byte[BombSize];
        int length = Fill(block, prefix, unit);
        Decode(block.AsSpan(0, length), fragmentSize);
    }

    /// <summary>
    /// Feeds <paramref name="block"/> to a fresh decoder in fragments and checks the bounds.
    /// </summary>
    /// <param name="block">The whole adversarial block.</param>
    /// <param name="fragmentSize">Octets per fragment.</param>
    /// <returns>The allocation measured while decoding, in octets.</returns>
    public static long Decode(ReadOnlySpan<byte> block, int fragmentSize)
    {
        var decoder = new HpackDecoder(Limit, Limit);
        var counter = new CountingHandler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            while (true)
            {
                int take = Math.Min(fragmentSize, block.Length);
                bool end = take == block.Length;
                decoder.Decode(block[..take], end, ref counter);
                block = block[take..];
                if (end)
                {
                    break;
                }
            }
        }
        catch (ProtocolException)
        {
            // COMPRESSION_ERROR or list too large: both fine, the bounds still apply.
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        FuzzInvariantException.Check(counter.ListSize <= Limit, $"{counter.ListSize} octets passed on under a limit of {Limit}.");
        FuzzInvariantException.Check(!ChecksAllocations || allocated <= AllocationBound, $"Decoding a 1 MiB block allocated {allocated} octets.");
        return allocated;
    }

    private static int Fill(byte[] block, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> unit)
    {
        prefix.CopyTo(block);
        int length = prefix.Length;
        while (length + unit.Length <= BombSize)
        {
            unit.CopyTo(block.AsSpan(length));
            length += unit.Length;
        }

        return length;
    }

    /// <summary>Counts what the decoder passes on without keeping it.</summary>
    private struct CountingHandler : IHeaderHandler
    {
        public long ListSize;

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed)
        {
            ListSize += name.Length + value.Length + HeaderField.EntryOverhead;
        }
    }
}
