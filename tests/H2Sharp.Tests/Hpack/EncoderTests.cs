using H2Sharp.Hpack;
using static H2Sharp.Tests.Hpack.HpackTestSupport;

namespace H2Sharp.Tests.Hpack;

public class EncoderTests
{
    [Fact]
    public void Never_index_fields_are_sent_never_indexed_and_kept_out_of_the_table()
    {
        var encoder = new HpackEncoder { UseHuffman = false };
        byte[] block = Encode(encoder, new HeaderField("authorization", "secret", neverIndex: true),
            new HeaderField(":method", "GET", neverIndex: true));
        // 0x1f 0x08 = never indexed, name index 23; then :method (index 2) as never indexed literal.
        Assert.Equal(Hex("1f08 06 736563726574 12 03 474554"), block);
        Assert.Equal(0, encoder.DynamicTableSize);
        Assert.Equal([("authorization", "secret", true), (":method", "GET", true)], Decode(new HpackDecoder(), block));
    }

    [Fact]
    public void Repeated_field_becomes_an_index()
    {
        var encoder = new HpackEncoder();
        var field = new HeaderField("user-agent", "bench-client/1.0");
        Encode(encoder, field);
        Assert.Equal(Hex("be"), Encode(encoder, field));
    }

    [Fact]
    public void Unique_value_names_and_huge_fields_are_not_indexed()
    {
        var encoder = new HpackEncoder();
        Encode(encoder, new HeaderField(":path", "/resource/1"), new HeaderField("content-length", "1024"),
            new HeaderField("x-big", new string('a', 4000)));
        Assert.Equal(0, encoder.Table.Count);
    }

    [Fact]
    public void No_indexing_leaves_the_table_empty()
    {
        var encoder = new HpackEncoder { UseIndexing = false };
        Encode(encoder, new HeaderField("user-agent", "x"), new HeaderField("user-agent", "x"));
        Assert.Equal(0, encoder.Table.Count);
    }

    [Fact]
    public void Size_change_is_announced_once_at_the_next_block()
    {
        var encoder = new HpackEncoder();
        encoder.SetMaxDynamicTableSize(100);
        Assert.Equal(Hex("3f45 82"), Encode(encoder, new HeaderField(":method", "GET")));
        Assert.Equal(Hex("82"), Encode(encoder, new HeaderField(":method", "GET")));
        Assert.Equal(100, encoder.Table.MaxSize);
    }

    [Fact]
    public void Several_changes_announce_the_smallest_then_the_final()
    {
        var encoder = new HpackEncoder();
        Encode(encoder, new HeaderField("a", "b"));
        encoder.SetMaxDynamicTableSize(0);
        encoder.SetMaxDynamicTableSize(100);
        encoder.SetMaxDynamicTableSize(2000);
        byte[] block = Encode(encoder, new HeaderField(":method", "GET"));
        Assert.Equal(Hex("20 3fb10f 82"), block); // 0, then 2000
        Assert.Equal(0, encoder.Table.Count);

        var decoder = new HpackDecoder { MaxDynamicTableSize = 2000 };
        Decode(decoder, block);
        Assert.Equal(2000, decoder.Table.MaxSize);
    }

    [Fact]
    public void Change_back_to_the_same_value_still_announces_the_dip()
    {
        var encoder = new HpackEncoder();
        encoder.SetMaxDynamicTableSize(0);
        encoder.SetMaxDynamicTableSize(4096);
        Assert.Equal(Hex("20 3fe11f 82"), Encode(encoder, new HeaderField(":method", "GET")));
    }

    [Fact]
    public void Same_value_announces_nothing()
    {
        var encoder = new HpackEncoder();
        encoder.SetMaxDynamicTableSize(4096);
        Assert.Equal(Hex("82"), Encode(encoder, new HeaderField(":method", "GET")));
    }

    [Fact]
    public void Table_never_exceeds_the_local_cap()
    {
        var encoder = new HpackEncoder { MaxTableSizeLimit = 1024 };
        encoder.SetMaxDynamicTableSize(1 << 20);
        Assert.Equal(Hex("3fe107 82"), Encode(encoder, new HeaderField(":method", "GET"))); // 1024
    }

    [Fact]
    public void Huffman_is_used_only_when_not_longer()
    {
        var encoder = new HpackEncoder();
        // "\x01" is 23 bits Huffman-coded: raw is shorter.
        Assert.Equal(Hex("0f0d 01 01"), Encode(encoder, new HeaderField("content-length", "\u0001")));
        Assert.Equal(Hex("0f0d 81 07"), Encode(encoder, new HeaderField("content-length", "0"))); // 0 = 00000, then ones
    }
}
