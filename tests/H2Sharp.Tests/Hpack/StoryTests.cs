using H2Sharp.Hpack;
using static H2Sharp.Tests.Hpack.HpackTestSupport;

namespace H2Sharp.Tests.Hpack;

/// <summary>The hpack-test-case stories (tests/testdata/hpack-test-case, vendored with its MIT licence).</summary>
public class StoryTests
{
    public static TheoryData<string> EncodedFolders()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(StoriesRoot).OrderBy(d => d, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            if (name != "raw-data")
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Fact]
    public void All_folders_are_found()
    {
        Assert.Equal(4, EncodedFolders().Count);
        Assert.Equal(32, StoryFiles("raw-data").Count());
    }

    [Theory]
    [MemberData(nameof(EncodedFolders))]
    public void Every_story_decodes_to_the_listed_headers(string folder)
    {
        int cases = 0;
        foreach (string file in StoryFiles(folder))
        {
            var decoder = new HpackDecoder();
            foreach (StoryCase c in LoadStory(file))
            {
                if (c.HeaderTableSize is int size)
                {
                    decoder.MaxDynamicTableSize = size;
                }

                var fields = Decode(decoder, c.Wire);
                Assert.True(c.Headers.SequenceEqual(fields.Select(f => (f.Name, f.Value))), $"{file} case {c.Seqno}");
                Assert.True(decoder.DynamicTableSize <= decoder.Table.MaxSize, $"{file} case {c.Seqno}");
                Assert.True(decoder.Table.MaxSize <= (c.HeaderTableSize ?? decoder.MaxDynamicTableSize), $"{file} case {c.Seqno}");
                if (c.HeaderTableSize is int given)
                {
                    Assert.True(decoder.Table.MaxSize <= given, $"{file} case {c.Seqno}: table {decoder.Table.MaxSize} > {given}");
                }

                cases++;
            }
        }

        Assert.True(cases > 0);
    }

    [Theory]
    [MemberData(nameof(EncodedFolders))]
    public void Every_story_decodes_when_fed_one_byte_at_a_time(string folder)
    {
        foreach (string file in StoryFiles(folder))
        {
            var whole = new HpackDecoder();
            var split = new HpackDecoder();
            foreach (StoryCase c in LoadStory(file))
            {
                if (c.HeaderTableSize is int size)
                {
                    whole.MaxDynamicTableSize = size;
                    split.MaxDynamicTableSize = size;
                }

                var expected = Decode(whole, c.Wire);
                var handler = new CollectingHandler();
                for (int i = 0; i < c.Wire.Length; i++)
                {
                    split.Decode(c.Wire.AsSpan(i, 1), false, handler);
                }

                split.Decode([], true, handler);
                Assert.Equal(expected, handler.Fields);
                Assert.Equal(TableEntries(whole.Table), TableEntries(split.Table));
            }
        }
    }

    [Fact]
    public void Every_split_point_of_a_story_block_decodes_the_same()
    {
        foreach (StoryCase c in LoadStory(StoryFiles("haskell-http2-static-huffman").First()).Take(3))
        {
            var reference = Decode(new HpackDecoder(), c.Wire);
            for (int cut = 0; cut <= c.Wire.Length; cut++)
            {
                var decoder = new HpackDecoder();
                var handler = new CollectingHandler();
                decoder.Decode(c.Wire.AsSpan(0, cut), false, handler);
                decoder.Decode(c.Wire.AsSpan(cut), true, handler);
                Assert.Equal(reference, handler.Fields);
            }
        }
    }

    public static TheoryData<bool, bool> Modes() => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Every_raw_story_round_trips(bool huffman, bool indexing)
    {
        foreach (string file in StoryFiles("raw-data"))
        {
            var encoder = new HpackEncoder { UseHuffman = huffman, UseIndexing = indexing };
            var decoder = new HpackDecoder();
            foreach (StoryCase c in LoadStory(file))
            {
                HeaderField[] fields = c.Headers.Select(h => new HeaderField(h.Name, h.Value)).ToArray();
                byte[] block = Encode(encoder, fields);
                var decoded = Decode(decoder, block);
                Assert.True(c.Headers.SequenceEqual(decoded.Select(f => (f.Name, f.Value))), $"{file} case {c.Seqno}");
                Assert.Equal(TableEntries(encoder.Table), TableEntries(decoder.Table));
                if (!indexing)
                {
                    Assert.Equal(0, encoder.DynamicTableSize);
                }
            }
        }
    }

    [Fact]
    public void Huffman_and_indexing_make_blocks_smaller()
    {
        long Total(bool huffman, bool indexing)
        {
            long total = 0;
            foreach (string file in StoryFiles("raw-data"))
            {
                var encoder = new HpackEncoder { UseHuffman = huffman, UseIndexing = indexing };
                foreach (StoryCase c in LoadStory(file))
                {
                    total += Encode(encoder, c.Headers.Select(h => new HeaderField(h.Name, h.Value)).ToArray()).Length;
                }
            }

            return total;
        }

        long plain = Total(false, false);
        Assert.True(Total(true, false) < plain);
        Assert.True(Total(false, true) < plain);
        Assert.True(Total(true, true) < Total(true, false));
    }
}
