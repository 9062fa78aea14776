using System.Buffers;
using System.Text;
using System.Text.Json;
using H2Sharp.Hpack;

namespace H2Sharp.Tests.Hpack;

/// <summary>Collects decoded fields as strings.</summary>
internal sealed class CollectingHandler : IHeaderHandler
{
    public List<(string Name, string Value, bool NeverIndexed)> Fields { get; } = [];

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed) =>
        Fields.Add((Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(value), neverIndexed));

    public List<(string, string)> Pairs() => Fields.Select(f => (f.Name, f.Value)).ToList();
}

internal sealed record StoryCase(int Seqno, int? HeaderTableSize, byte[] Wire, List<(string Name, string Value)> Headers);

internal static class HpackTestSupport
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "H2Sharp.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("H2Sharp.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string StoriesRoot => Path.Combine(RepoRoot(), "tests", "testdata", "hpack-test-case");

    public static IEnumerable<string> StoryFiles(string folder) =>
        Directory.GetFiles(Path.Combine(StoriesRoot, folder), "*.json").OrderBy(f => f, StringComparer.Ordinal);

    public static List<StoryCase> LoadStory(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new List<StoryCase>();
        foreach (JsonElement c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            int? tableSize = c.TryGetProperty("header_table_size", out JsonElement t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null;
            byte[] wire = c.TryGetProperty("wire", out JsonElement w) ? Convert.FromHexString(w.GetString()!) : [];
            var headers = new List<(string, string)>();
            foreach (JsonElement h in c.GetProperty("headers").EnumerateArray())
            {
                foreach (JsonProperty p in h.EnumerateObject())
                {
                    headers.Add((p.Name, p.Value.GetString()!));
                }
            }

            int seqno = c.TryGetProperty("seqno", out JsonElement n) ? n.GetInt32() : cases.Count;
            cases.Add(new StoryCase(seqno, tableSize, wire, headers));
        }

        return cases;
    }

    public static byte[] Encode(HpackEncoder encoder, params HeaderField[] fields)
    {
        var output = new ArrayBufferWriter<byte>();
        encoder.Encode(fields, output);
        return output.WrittenSpan.ToArray();
    }

    public static List<(string Name, string Value, bool NeverIndexed)> Decode(HpackDecoder decoder, byte[] block)
    {
        var handler = new CollectingHandler();
        decoder.Decode(block, true, handler);
        return handler.Fields;
    }

    public static List<(string, string)> TableEntries(DynamicTable table)
    {
        var entries = new List<(string, string)>();
        for (int i = 0; i < table.Count; i++)
        {
            entries.Add((Encoding.UTF8.GetString(table.GetName(i)), Encoding.UTF8.GetString(table.GetValue(i))));
        }

        return entries;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
}
