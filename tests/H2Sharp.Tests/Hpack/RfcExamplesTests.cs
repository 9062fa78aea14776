using System.Buffers;
using H2Sharp.Hpack;
using static H2Sharp.Tests.Hpack.HpackTestSupport;

namespace H2Sharp.Tests.Hpack;

/// <summary>RFC 7541 Appendix C, byte-exact in both directions, tables checked after each block.</summary>
public class RfcExamplesTests
{
    [Theory]
    [InlineData(10, 5, "0a")]          // C.1.1
    [InlineData(1337, 5, "1f9a0a")]    // C.1.2
    [InlineData(42, 8, "2a")]          // C.1.3
    public void C1_integers(int value, int prefix, string hex)
    {
        byte[] expected = Hex(hex);
        var buffer = new byte[8];
        int written = HpackInteger.Write(buffer, 0, value, prefix, 0);
        Assert.Equal(expected, buffer[..written]);
        Assert.Equal(expected.Length, HpackInteger.Read(expected, 0, prefix, out int read));
        Assert.Equal(value, read);
    }

    [Fact]
    public void C2_1_literal_with_indexing()
    {
        AssertSingle(new HeaderField("custom-key", "custom-header"),
            "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
            [("custom-key", "custom-header")], 55);
    }

    [Fact]
    public void C2_2_literal_without_indexing()
    {
        AssertSingle(new HeaderField(":path", "/sample/path"), "040c 2f73 616d 706c 652f 7061 7468", [], 0);
    }

    [Fact]
    public void C2_3_literal_never_indexed()
    {
        AssertSingle(new HeaderField("password", "secret", neverIndex: true),
            "1008 7061 7373 776f 7264 0673 6563 7265 74", [], 0, neverIndexed: true);
    }

    [Fact]
    public void C2_4_indexed()
    {
        AssertSingle(new HeaderField(":method", "GET"), "82", [], 0);
    }

    private static void AssertSingle(HeaderField field, string hex, (string, string)[] table, int size, bool neverIndexed = false)
    {
        var encoder = new HpackEncoder { UseHuffman = false };
        Assert.Equal(Hex(hex), Encode(encoder, field));
        Assert.Equal(table, TableEntries(encoder.Table));
        Assert.Equal(size, encoder.DynamicTableSize);

        var decoder = new HpackDecoder();
        var fields = Decode(decoder, Hex(hex));
        Assert.Equal([(field.NameString, field.ValueString, neverIndexed)], fields);
        Assert.Equal(table, TableEntries(decoder.Table));
        Assert.Equal(size, decoder.DynamicTableSize);
    }

    private static readonly HeaderField[][] Requests =
    [
        [new(":method", "GET"), new(":scheme", "http"), new(":path", "/"), new(":authority", "www.example.com")],
        [new(":method", "GET"), new(":scheme", "http"), new(":path", "/"), new(":authority", "www.example.com"), new("cache-control", "no-cache")],
        [new(":method", "GET"), new(":scheme", "https"), new(":path", "/index.html"), new(":authority", "www.example.com"), new("custom-key", "custom-value")],
    ];

    private static readonly (string, string)[][] RequestTables =
    [
        [(":authority", "www.example.com")],
        [("cache-control", "no-cache"), (":authority", "www.example.com")],
        [("custom-key", "custom-value"), ("cache-control", "no-cache"), (":authority", "www.example.com")],
    ];

    private static readonly int[] RequestSizes = [57, 110, 164];

    [Fact]
    public void C3_requests_without_huffman()
    {
        AssertSequence(Requests, RequestTables, RequestSizes, huffman: false, tableSize: 4096,
        [
            "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "8286 84be 5808 6e6f 2d63 6163 6865",
            "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
        ]);
    }

    [Fact]
    public void C4_requests_with_huffman()
    {
        AssertSequence(Requests, RequestTables, RequestSizes, huffman: true, tableSize: 4096,
        [
            "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
            "8286 84be 5886 a8eb 1064 9cbf",
            "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
        ]);
    }

    private static readonly HeaderField[][] Responses =
    [
        [new(":status", "302"), new("cache-control", "private"), new("date", "Mon, 21 Oct 2013 20:13:21 GMT"), new("location", "https://www.example.com")],
        [new(":status", "307"), new("cache-control", "private"), new("date", "Mon, 21 Oct 2013 20:13:21 GMT"), new("location", "https://www.example.com")],
        [new(":status", "200"), new("cache-control", "private"), new("date", "Mon, 21 Oct 2013 20:13:22 GMT"), new("location", "https://www.example.com"),
         new("content-encoding", "gzip"), new("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1")],
    ];

    private static readonly (string, string)[][] ResponseTables =
    [
        [("location", "https://www.example.com"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("cache-control", "private"), (":status", "302")],
        [(":status", "307"), ("location", "https://www.example.com"), ("date", "Mon, 21 Oct 2013 20:13:21 GMT"), ("cache-control", "private")],
        [("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"), ("content-encoding", "gzip"), ("date", "Mon, 21 Oct 2013 20:13:22 GMT")],
    ];

    private static readonly int[] ResponseSizes = [222, 222, 215];

    [Fact]
    public void C5_responses_without_huffman()
    {
        AssertSequence(Responses, ResponseTables, ResponseSizes, huffman: false, tableSize: 256,
        [
            "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "4803 3330 37c1 c0bf",
            "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
        ]);
    }

    [Fact]
    public void C6_responses_with_huffman()
    {
        AssertSequence(Responses, ResponseTables, ResponseSizes, huffman: true, tableSize: 256,
        [
            "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
            "4883 640e ffc1 c0bf",
            "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07",
        ]);
    }

    private static void AssertSequence(HeaderField[][] lists, (string, string)[][] tables, int[] sizes, bool huffman, int tableSize, string[] blocks)
    {
        var encoder = new HpackEncoder { UseHuffman = huffman };
        var decoder = new HpackDecoder();
        if (tableSize != 4096)
        {
            // The examples assume the table already has this size, without a size update.
            encoder.Table.SetMaxSize(tableSize);
            encoder.SetMaxDynamicTableSize(tableSize);
            decoder.Table.SetMaxSize(tableSize);
            decoder.MaxDynamicTableSize = tableSize;
        }

        for (int i = 0; i < lists.Length; i++)
        {
            byte[] expected = Hex(blocks[i]);
            Assert.Equal(expected, Encode(encoder, lists[i]));
            Assert.Equal(tables[i], TableEntries(encoder.Table));
            Assert.Equal(sizes[i], encoder.DynamicTableSize);

            var fields = Decode(decoder, expected);
            Assert.Equal(lists[i].Select(f => (f.NameString, f.ValueString, false)).ToList(), fields);
            Assert.Equal(tables[i], TableEntries(decoder.Table));
            Assert.Equal(sizes[i], decoder.DynamicTableSize);
        }
    }
}
