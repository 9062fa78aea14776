using System.Text;
using H2Sharp.Hpack;

namespace H2Sharp.Tests.Hpack;

/// <summary>The encoder's hash index must answer exactly as a scan of the dynamic table does.</summary>
public class EncoderIndexTests
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Theory]
    [InlineData(4096, 1)]
    [InlineData(256, 2)]
    [InlineData(100, 3)]
    public void IndexFindMatchesTableScanThroughEvictionsAndResizes(int maxSize, int seed)
    {
        var random = new Random(seed);
        var table = new DynamicTable(maxSize);
        var index = new EncoderIndex(table);
        string[] names = ["a", "bb", "cookie", "x-long-header-name", "accept"];
        for (int step = 0; step < 5000; step++)
        {
            byte[] name = B(names[random.Next(names.Length)]);
            byte[] value = B(new string('v', random.Next(0, 40)) + random.Next(8));
            int nameHash = EncoderIndex.HashName(name);
            int fieldHash = EncoderIndex.HashField(nameHash, value);

            int expected = table.Find(name, value, out int expectedName);
            int actual = index.Find(table, name, value, nameHash, fieldHash, out int actualName);
            Assert.Equal(expected, actual);
            if (expected < 0)
            {
                Assert.Equal(expectedName, actualName);
            }

            if (random.Next(4) != 0 && table.Add(name, value))
            {
                index.Added(table, nameHash, fieldHash);
            }

            if (random.Next(500) == 0)
            {
                table.SetMaxSize(random.Next(0, 2 * maxSize));
                index.Rebuild(table);
            }
        }
    }

    [Fact]
    public void EntryLargerThanTableEmptiesIndexToo()
    {
        var table = new DynamicTable(64);
        var index = new EncoderIndex(table);
        byte[] name = B("n");
        byte[] value = B("v");
        int nameHash = EncoderIndex.HashName(name);
        int fieldHash = EncoderIndex.HashField(nameHash, value);
        Assert.True(table.Add(name, value));
        index.Added(table, nameHash, fieldHash);
        Assert.Equal(0, index.Find(table, name, value, nameHash, fieldHash, out _));

        Assert.False(table.Add(name, new byte[100]));
        Assert.Equal(-1, index.Find(table, name, value, nameHash, fieldHash, out int nameIndex));
        Assert.Equal(-1, nameIndex);
    }
}
