using H2Sharp.Fuzz.Targets;
using H2Sharp.Hpack;

namespace H2Sharp.Tests.Robustness;

/// <summary>
/// HPACK decompression bombs of 1 MiB: the header list limit must keep what the decoder passes
/// on and what it allocates bounded by the limits, not by the input (let alone the expansion).
/// </summary>
public class HpackBombTests
{
    private const int MiB = 1 << 20;
    private const int EntrySize = 1 + 4000 + 32; // name "x", 4,000-octet value, 32 overhead

    /// <summary>A literal adding ("x", 4,000 x 'a') to the table, then index 62 (that entry) to fill 1 MiB.</summary>
    private static byte[] IndexBomb(out int references)
    {
        byte[] prefix = [0x40, 0x01, (byte)'x', 0x7f, 0xa1, 0x1e]; // 127 + 0x21 + (0x1e << 7) = 4000
        byte[] block = new byte[MiB];
        prefix.CopyTo(block, 0);
        block.AsSpan(prefix.Length, 4000).Fill((byte)'a');
        int start = prefix.Length + 4000;
        block.AsSpan(start).Fill(0xbe);
        references = block.Length - start;
        return block;
    }

    [Theory]
    [InlineData(MiB)]   // one fragment
    [InlineData(1000)]  // the 4 KB literal itself cut across fragments
    [InlineData(1)]
    public void Index_bomb_stops_at_the_header_list_limit(int fragmentSize)
    {
        byte[] block = IndexBomb(out int references);
        var decoder = new HpackDecoder(); // table 4,096, list limit 65,536
        var handler = new CountingHandler();
        HeaderListTooLargeException? error = null;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int offset = 0; offset < block.Length; offset += fragmentSize)
        {
            int take = Math.Min(fragmentSize, block.Length - offset);
            bool end = offset + take == block.Length;
            try
            {
                decoder.Decode(block.AsSpan(offset, take), end, ref handler);
            }
            catch (HeaderListTooLargeException e) when (end)
            {
                error = e;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(error);
        Assert.Equal(ErrorCode.ProtocolError, error.ErrorCode);
        Assert.Equal((long)EntrySize * (references + 1), error.HeaderListSize);
        Assert.Equal(65_536, error.MaxHeaderListSize);
        // 65,536 / 4,033 = 16 fields fit: the literal and 15 references; nothing after.
        Assert.Equal(16, handler.Fields);
        Assert.Equal(16L * EntrySize, handler.ListSize);
        Assert.Equal(EntrySize, decoder.DynamicTableSize);
        // Buffers for one 4 KB field at most, whatever the 1 MiB (4 GiB expanded) input.
        Assert.True(allocated < 64 * 1024, $"Decoding the bomb allocated {allocated} octets.");

        // The block was decoded to its end: the table is in step and the decoder goes on.
        var next = new CountingHandler();
        decoder.Decode([0x82, 0xbe], endHeaders: true, ref next);
        Assert.Equal(2, next.Fields);
        Assert.Equal(":method".Length + "GET".Length + 32 + EntrySize, next.ListSize);
    }

    [Fact]
    public void Mebibyte_literal_value_is_skipped_without_being_buffered()
    {
        // Never-indexed literal, name "z", value length filling the rest of 1 MiB, in 4 KB fragments.
        const int headerLength = 3 + 4; // 0x10 0x01 'z', then 0x7f and three continuation octets
        int valueLength = MiB - headerLength;
        byte[] block = new byte[MiB];
        block[0] = 0x10;
        block[1] = 0x01;
        block[2] = (byte)'z';
        block[3] = 0x7f;
        int rest = valueLength - 127;
        block[4] = (byte)(0x80 | (rest & 0x7f));
        block[5] = (byte)(0x80 | ((rest >> 7) & 0x7f));
        block[6] = (byte)(rest >> 14);
        Assert.True(rest >> 21 == 0);
        block.AsSpan(headerLength).Fill((byte)'b');

        var decoder = new HpackDecoder();
        var handler = new CountingHandler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<HeaderListTooLargeException>(() =>
        {
            for (int offset = 0; offset < block.Length; offset += 4096)
            {
                decoder.Decode(block.AsSpan(offset, Math.Min(4096, block.Length - offset)), offset + 4096 >= block.Length, ref handler);
            }
        });
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1L + valueLength + 32, error.HeaderListSize);
        Assert.Equal(0, handler.Fields);
        Assert.Equal(0, decoder.DynamicTableSize);
        Assert.True(allocated < 16 * 1024, $"Skipping a 1 MiB value allocated {allocated} octets.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Memory_target_bounds_hold_for_the_index_bomb(int fragmentSize)
    {
        byte[] block = IndexBomb(out _);
        // The target's own limits are 4,096: the 4,033-octet entry fits the table, one field the list.
        long allocated = HpackMemoryTarget.Decode(block, fragmentSize);
        Assert.InRange(allocated, 0, HpackMemoryTarget.AllocationBound);
    }

    private struct CountingHandler : IHeaderHandler
    {
        public int Fields;
        public long ListSize;

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed)
        {
            Fields++;
            ListSize += name.Length + value.Length + HeaderField.EntryOverhead;
        }
    }
}
