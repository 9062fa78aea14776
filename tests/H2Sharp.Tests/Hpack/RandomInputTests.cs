using H2Sharp.Hpack;
using static H2Sharp.Tests.Hpack.HpackTestSupport;

namespace H2Sharp.Tests.Hpack;

/// <summary>Whatever the bytes, only the documented exceptions escape the decoder.</summary>
public class RandomInputTests
{
    private static void Feed(byte[] data, Random random)
    {
        var decoder = new HpackDecoder(maxDynamicTableSize: 256, maxHeaderListSize: 512);
        var handler = new CollectingHandler();
        try
        {
            int position = 0;
            while (position < data.Length)
            {
                int n = Math.Min(random.Next(1, 20), data.Length - position);
                bool end = random.Next(4) == 0 || position + n == data.Length;
                decoder.Decode(data.AsSpan(position, n), end, handler);
                position += n;
            }
        }
        catch (HpackDecodingException)
        {
        }
        catch (HeaderListTooLargeException)
        {
        }
    }

    [Fact]
    public void Random_bytes_raise_only_documented_exceptions()
    {
        var random = new Random(7541);
        for (int i = 0; i < 20_000; i++)
        {
            var data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            Feed(data, random);
        }
    }

    [Fact]
    public void Mutated_story_blocks_raise_only_documented_exceptions()
    {
        var random = new Random(9113);
        foreach (string file in StoryFiles("haskell-http2-static-huffman").Take(8))
        {
            foreach (StoryCase c in LoadStory(file).Take(20))
            {
                for (int m = 0; m < 20; m++)
                {
                    byte[] data = (byte[])c.Wire.Clone();
                    for (int k = 0; k < 3 && data.Length > 0; k++)
                    {
                        data[random.Next(data.Length)] = (byte)random.Next(256);
                    }

                    Feed(data, random);
                }
            }
        }
    }
}
