using H2Sharp.Hpack;

namespace H2Sharp.Tests.Hpack;

public class HuffmanTests
{
    private static byte[] RoundTrip(byte[] input)
    {
        var encoded = new byte[Huffman.GetEncodedLength(input)];
        Assert.Equal(encoded.Length, Huffman.Encode(input, encoded));
        var decoded = new byte[Huffman.MaxDecodedLength(encoded.Length)];
        int length = Huffman.Decode(encoded, decoded);
        return decoded[..length];
    }

    [Fact]
    public void Every_byte_alone_round_trips()
    {
        for (int b = 0; b < 256; b++)
        {
            Assert.Equal(new[] { (byte)b }, RoundTrip([(byte)b]));
        }
    }

    [Fact]
    public void Every_pair_round_trips()
    {
        for (int a = 0; a < 256; a++)
        {
            for (int b = 0; b < 256; b++)
            {
                byte[] pair = [(byte)a, (byte)b];
                Assert.Equal(pair, RoundTrip(pair));
            }
        }
    }

    [Fact]
    public void Empty_string_decodes_to_nothing()
    {
        Assert.Equal(0, Huffman.Decode([], []));
    }

    [Fact]
    public void Rfc_example_encodes_exactly()
    {
        // RFC 7541 C.4.1: "www.example.com"
        byte[] text = "www.example.com"u8.ToArray();
        var encoded = new byte[Huffman.GetEncodedLength(text)];
        Huffman.Encode(text, encoded);
        Assert.Equal(Convert.FromHexString("f1e3c2e5f23a6ba0ab90f4ff"), encoded);
    }

    [Theory]
    [InlineData("ffffffff")]   // EOS (30 ones) then 2 bits of padding
    [InlineData("1fffffffff")] // 'a' (00011) then EOS
    public void Eos_inside_a_string_is_rejected(string hex)
    {
        Assert.Throws<HpackHuffmanException>(() => Huffman.Decode(Convert.FromHexString(hex), new byte[16]));
    }

    [Theory]
    [InlineData("1fff")]   // 'a' then 11 bits of ones: padding longer than 7 bits
    [InlineData("18")]     // 'a' then 000: padding not all ones
    [InlineData("ff")]     // 8 bits of ones alone
    [InlineData("1c")]     // 'a' then 100
    public void Bad_padding_is_rejected(string hex)
    {
        Assert.Throws<HpackHuffmanException>(() => Huffman.Decode(Convert.FromHexString(hex), new byte[16]));
    }

    [Theory]
    [InlineData("1f")]  // 'a' then 111
    [InlineData("1ff1")] // "a!": 00011 1111111000 then one padding 1
    public void Valid_padding_is_accepted(string hex)
    {
        Huffman.Decode(Convert.FromHexString(hex), new byte[16]);
    }

    [Fact]
    public void Code_is_a_complete_prefix_code()
    {
        // Kraft sum of exactly 1: every bit string decodes, so the 4-bit table has no holes.
        double sum = 0;
        for (int s = 0; s < HuffmanCode.SymbolCount; s++)
        {
            sum += Math.Pow(2, -HuffmanCode.Lengths[s]);
            Assert.True(HuffmanCode.Codes[s] < 1u << HuffmanCode.Lengths[s]);
        }

        Assert.Equal(1.0, sum, 12);
    }

    [Fact]
    public void Decode_table_matches_the_code()
    {
        uint[] generated = HuffmanDecodeTableGenerator.Generate();
        Assert.Equal(generated, HuffmanDecodeTable.Transitions.ToArray());
        if (Environment.GetEnvironmentVariable("HPACK_REGENERATE_HUFFMAN") == "1")
        {
            HuffmanDecodeTableGenerator.WriteSource(generated,
                Path.Combine(HpackTestSupport.RepoRoot(), "src", "H2Sharp", "Hpack", "HuffmanDecodeTable.cs"));
        }
    }
}
