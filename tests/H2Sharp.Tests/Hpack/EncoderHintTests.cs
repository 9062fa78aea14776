using System.Buffers;
using System.Text;
using H2Sharp.Hpack;

namespace H2Sharp.Tests.Hpack;

/// <summary>The encoder's per-place hints are a shortcut only: the bytes must be those of the full search.</summary>
public class EncoderHintTests
{
    private static readonly string[] Names = [":method", ":path", ":authority", "accept", "cookie", "x-a", "user-agent", "content-length"];
    private static readonly string[] Values = ["GET", "POST", "/", "/a", "example.com", "*/*", "text/html", "v", "", "0123456789abcdef0123456789abcdef"];

    [Theory]
    [InlineData(4096, 1)]
    [InlineData(200, 2)]
    [InlineData(64, 3)]
    public void Hinted_and_unhinted_encoders_write_the_same_bytes(int tableSize, int seed)
    {
        var random = new Random(seed);
        var hinted = new HpackEncoder(tableSize);
        var plain = new HpackEncoder(tableSize) { UseFieldHints = false };
        var a = new ArrayBufferWriter<byte>();
        var b = new ArrayBufferWriter<byte>();
        var decoder = new HpackDecoder(2 * tableSize);
        // A few fixed lists with changes in place, as callers send them, plus noise.
        var list = new HeaderField[random.Next(1, 12)];
        for (int i = 0; i < list.Length; i++) list[i] = RandomField(random);
        for (int block = 0; block < 3000; block++)
        {
            int changes = random.Next(3);
            for (int c = 0; c < changes; c++) list[random.Next(list.Length)] = RandomField(random);
            if (random.Next(50) == 0) list = [.. list, RandomField(random)];
            if (random.Next(200) == 0)
            {
                int size = random.Next(0, 2 * tableSize);
                hinted.SetMaxDynamicTableSize(size);
                plain.SetMaxDynamicTableSize(size);
            }

            a.ResetWrittenCount();
            b.ResetWrittenCount();
            hinted.Encode(list, a);
            plain.Encode(list, b);
            Assert.Equal(b.WrittenSpan.ToArray(), a.WrittenSpan.ToArray());

            var decoded = HpackTestSupport.Decode(decoder, a.WrittenSpan.ToArray());
            Assert.Equal(list.Select(f => (f.NameString, f.ValueString, f.NeverIndex)), decoded);
        }
    }

    private static HeaderField RandomField(Random random) =>
        new(Encoding.ASCII.GetBytes(Names[random.Next(Names.Length)]), Encoding.ASCII.GetBytes(Values[random.Next(Values.Length)]), random.Next(10) == 0);
}
