using H2Sharp.Hpack;
using static H2Sharp.Tests.Hpack.HpackTestSupport;

namespace H2Sharp.Tests.Hpack;

public class DecoderErrorTests
{
    private static T Reject<T>(string hex, HpackDecoder? decoder = null) where T : Exception
    {
        decoder ??= new HpackDecoder();
        var ex = Assert.Throws<T>(() => decoder.Decode(Hex(hex), true, new CollectingHandler()));
        if (ex is HpackDecodingException hpack)
        {
            Assert.Equal(ErrorCode.CompressionError, hpack.ErrorCode);
            Assert.Equal(0, hpack.StreamId);
        }

        return ex;
    }

    [Fact] public void Index_zero() => Reject<HpackIndexException>("80");
    [Fact] public void Index_beyond_the_tables() => Reject<HpackIndexException>("be");
    [Fact] public void Name_index_beyond_the_tables() => Reject<HpackIndexException>("7f0001 61");
    [Fact] public void Name_index_beyond_the_tables_without_indexing() => Reject<HpackIndexException>("0f3001 61");

    [Fact]
    public void Index_into_the_dynamic_table_is_accepted_up_to_its_length()
    {
        var decoder = new HpackDecoder();
        Decode(decoder, Hex("4001 61 0162")); // a: b enters as index 62
        Assert.Equal([("a", "b", false)], Decode(decoder, Hex("be")));
        Reject<HpackIndexException>("bf", decoder);
    }

    [Fact] public void Integer_above_31_bits() => Reject<HpackIntegerException>("ff ffffffff0f");
    [Fact] public void Integer_running_on() => Reject<HpackIntegerException>("ff 808080808000");
    [Fact] public void String_length_above_31_bits() => Reject<HpackIntegerException>("00 7f ffffffff0f");

    [Fact] public void Truncated_integer() => Reject<HpackTruncatedException>("82 ff");
    [Fact] public void Truncated_name() => Reject<HpackTruncatedException>("40 03 6162");
    [Fact] public void Truncated_value() => Reject<HpackTruncatedException>("41 05 6162");
    [Fact] public void Truncated_before_value() => Reject<HpackTruncatedException>("41");

    [Fact] public void Huffman_with_eos() => Reject<HpackHuffmanException>("41 84 ffffffff");
    [Fact] public void Huffman_with_long_padding() => Reject<HpackHuffmanException>("41 82 1fff");
    [Fact] public void Huffman_padding_not_ones() => Reject<HpackHuffmanException>("41 81 18");
    [Fact] public void Huffman_name_with_eos() => Reject<HpackHuffmanException>("40 84 ffffffff 00");

    [Fact] public void Size_update_above_the_limit() => Reject<HpackTableSizeUpdateException>("3fe21f"); // 4097
    [Fact] public void Size_update_after_a_field() => Reject<HpackTableSizeUpdateException>("82 20");

    [Fact]
    public void Size_update_at_the_limit_and_twice_at_the_start_is_accepted()
    {
        var decoder = new HpackDecoder();
        Assert.Equal([(":method", "GET", false)], Decode(decoder, Hex("20 3fe11f 82")));
        Assert.Equal(4096, decoder.Table.MaxSize);
    }

    [Fact]
    public void Size_update_is_required_after_the_limit_is_lowered()
    {
        var decoder = new HpackDecoder { MaxDynamicTableSize = 100 };
        Reject<HpackTableSizeUpdateException>("82", decoder);

        decoder = new HpackDecoder { MaxDynamicTableSize = 100 };
        Reject<HpackTableSizeUpdateException>("3f45", new HpackDecoder { MaxDynamicTableSize = 50 }); // 100 > 50
        Reject<HpackTableSizeUpdateException>("", new HpackDecoder { MaxDynamicTableSize = 50 });     // empty block owes it too
        Assert.Equal([(":method", "GET", false)], Decode(decoder, Hex("3f45 82"))); // 100
        Assert.Equal(100, decoder.Table.MaxSize);
        Assert.Single(Decode(decoder, Hex("82"))); // no longer owed
    }

    [Fact]
    public void Raising_the_limit_requires_no_update()
    {
        var decoder = new HpackDecoder { MaxDynamicTableSize = 8192 };
        Assert.Single(Decode(decoder, Hex("82")));
        Assert.Single(Decode(decoder, Hex("3fe13f 82"))); // 8192
        Assert.Equal(8192, decoder.Table.MaxSize);
    }

    [Fact]
    public void Name_longer_than_any_limit_is_refused_before_buffering()
    {
        var decoder = new HpackDecoder(maxDynamicTableSize: 4096, maxHeaderListSize: 1000);
        // literal name of 100,000 octets, announced in a 4-octet prefix
        Assert.Throws<HpackStringLengthException>(() => decoder.Decode(Hex("00 7f a18d06"), false, new CollectingHandler()));
    }

    [Fact]
    public void Malformations_are_protocol_exceptions_with_compression_error()
    {
        Exception ex = Reject<HpackIndexException>("80");
        Assert.IsAssignableFrom<ProtocolException>(ex);
    }
}
