using System.Buffers;
using System.Text;
using System.Text.Json;
using H2Sharp.Hpack;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.FrameLevel;

/// <summary>
/// Python's hpack (the library h2 uses) and H2Sharp's HPACK decode each other's blocks for every
/// raw-data story of the vendored hpack-test-case corpus (tests/testdata), one connection (dynamic table) per story.
/// </summary>
public class PythonHpackDifferentialTests
{
    public static TheoryData<string> Stories()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(RepoPaths.TestData, "hpack-test-case", "raw-data"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Stories))]
    public void Python_decodes_our_blocks(string story)
    {
        List<List<string[]>> lists = LoadStory(story);
        var encoder = new HpackEncoder();
        var hex = new StringBuilder();
        foreach (List<string[]> list in lists)
        {
            var buffer = new ArrayBufferWriter<byte>();
            encoder.Encode(list.Select(f => new HeaderField(Latin1(f[0]), Latin1(f[1]))).ToArray(), buffer);
            hex.AppendLine(Convert.ToHexString(buffer.WrittenSpan));
        }

        string output = RunOracle("decode", hex.ToString());
        var decoded = JsonSerializer.Deserialize<List<List<string[]>>>(output)!;
        Assert.Equal(lists.Count, decoded.Count);
        for (int i = 0; i < lists.Count; i++)
        {
            Assert.Equal(lists[i].Select(f => (f[0], f[1])), decoded[i].Select(f => (f[0], f[1])));
        }
    }

    [Theory]
    [MemberData(nameof(Stories))]
    public void We_decode_python_blocks(string story)
    {
        List<List<string[]>> lists = LoadStory(story);
        string output = RunOracle("encode", JsonSerializer.Serialize(lists));
        string[] blocks = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lists.Count, blocks.Length);

        var decoder = new HpackDecoder();
        for (int i = 0; i < blocks.Length; i++)
        {
            var collector = new Collector();
            decoder.Decode(Convert.FromHexString(blocks[i]), endHeaders: true, collector);
            Assert.Equal(lists[i].Select(f => (f[0], f[1])), collector.Fields);
        }
    }

    private static byte[] Latin1(string s) => Encoding.Latin1.GetBytes(s);

    private static List<List<string[]>> LoadStory(string story)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.TestData, "hpack-test-case", "raw-data", story)));
        var lists = new List<List<string[]>>();
        foreach (JsonElement @case in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var list = new List<string[]>();
            foreach (JsonElement field in @case.GetProperty("headers").EnumerateArray())
            {
                foreach (JsonProperty p in field.EnumerateObject())
                {
                    list.Add(new[] { p.Name, p.Value.GetString()! });
                }
            }
            lists.Add(list);
        }
        return lists;
    }

    private static string RunOracle(string mode, string input)
    {
        string python = ExternalTool.RequirePythonH2();
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "hpack_oracle.py");
        using var oracle = PeerProcess.Start(python, $"\"{script}\" {mode}");
        oracle.WriteInput(input);
        int exit = oracle.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, "hpack oracle failed: " + oracle.StandardError);
        return oracle.StandardOutput;
    }

    private sealed class Collector : IHeaderHandler
    {
        public List<(string, string)> Fields { get; } = new();

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed) =>
            Fields.Add((Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
    }
}
