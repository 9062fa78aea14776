using H2Sharp.Hpack;
using static H2Sharp.Tests.Hpack.HpackTestSupport;

namespace H2Sharp.Tests.Hpack;

public class HeaderListLimitTests
{
    private static byte[] Block(HpackEncoder encoder, params HeaderField[] fields) => Encode(encoder, fields);

    [Fact]
    public void Fields_past_the_limit_are_dropped_and_the_block_fails_at_its_end()
    {
        var encoder = new HpackEncoder { UseHuffman = false };
        // 46 + 46 + 46 octets counted; limit 100 keeps the first two.
        byte[] block = Block(encoder, new HeaderField("aaaa", "1234567890"), new HeaderField("bbbb", "1234567890"),
            new HeaderField("cccc", "1234567890"));
        var decoder = new HpackDecoder(maxHeaderListSize: 100);
        var handler = new CollectingHandler();
        var ex = Assert.Throws<HeaderListTooLargeException>(() => decoder.Decode(block, true, handler));
        Assert.Equal(138, ex.HeaderListSize);
        Assert.Equal(100, ex.MaxHeaderListSize);
        Assert.Equal([("aaaa", "1234567890", false), ("bbbb", "1234567890", false)], handler.Fields);

        // The table stayed in step: all three fields were indexed, and the next block uses them.
        Assert.Equal(TableEntries(encoder.Table), TableEntries(decoder.Table));
        byte[] next = Block(encoder, new HeaderField("cccc", "1234567890"));
        Assert.Equal([("cccc", "1234567890", false)], Decode(decoder, next));
    }

    [Fact]
    public void Exactly_at_the_limit_is_accepted()
    {
        var encoder = new HpackEncoder();
        byte[] block = Block(encoder, new HeaderField("aaaa", "1234567890"));
        Assert.Single(Decode(new HpackDecoder(maxHeaderListSize: 46), block));
        Assert.Throws<HeaderListTooLargeException>(() => Decode(new HpackDecoder(maxHeaderListSize: 45), block));
    }

    [Fact]
    public void Huge_unindexed_value_is_skipped_across_fragments_without_being_kept()
    {
        var encoder = new HpackEncoder { UseHuffman = false, UseIndexing = false };
        byte[] block = Block(encoder, new HeaderField("x", new string('v', 200_000)), new HeaderField("after", "ok"));
        var decoder = new HpackDecoder(maxHeaderListSize: 1000);
        var handler = new CollectingHandler();
        for (int i = 0; i < block.Length; i += 16_384)
        {
            decoder.Decode(block.AsSpan(i, Math.Min(16_384, block.Length - i)), false, handler);
        }

        Assert.Throws<HeaderListTooLargeException>(() => decoder.Decode([], true, handler));
        Assert.Empty(handler.Fields);
        Assert.Equal([(":method", "GET", false)], Decode(decoder, Hex("82"))); // next block decodes
    }

    [Fact]
    public void Huge_indexed_value_empties_the_table_like_the_encoder()
    {
        var encoder = new HpackEncoder { UseHuffman = false };
        byte[] first = Block(encoder, new HeaderField("keep", "me"));
        var decoder = new HpackDecoder(maxHeaderListSize: 1000);
        Decode(decoder, first);
        Assert.Equal(1, decoder.Table.Count);

        // Literal with incremental indexing, name "big", value of 10,000 octets: larger than the table.
        var big = new List<byte> { 0x40, 0x03, (byte)'b', (byte)'i', (byte)'g', 0x7f };
        var length = new byte[8];
        int n = HpackInteger.Write(length, 0, 10_000, 7, 0);
        big.RemoveAt(big.Count - 1);
        big.AddRange(length[..n]);
        big.AddRange(Enumerable.Repeat((byte)'x', 10_000));
        Assert.Throws<HeaderListTooLargeException>(() => decoder.Decode(big.ToArray(), true, new CollectingHandler()));
        Assert.Equal(0, decoder.Table.Count);
    }

    [Fact]
    public void Limit_resets_for_each_block()
    {
        var decoder = new HpackDecoder(maxHeaderListSize: 100);
        byte[] block = Hex("82 86 84"); // 42 + 39 + 37 = 118
        Assert.Throws<HeaderListTooLargeException>(() => Decode(decoder, block));
        Assert.Equal(2, Decode(decoder, Hex("82 86")).Count);
    }
}
