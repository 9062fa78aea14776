using System.Text.Json;

namespace H2Sharp.Benchmarks.Workloads;

/// <summary>The raw-data stories of hpack-test-case, loaded once as header lists.</summary>
internal static class HpackStories
{
    public static HeaderField[][][] Load(string? directory)
    {
        directory ??= Path.Combine(Runner.RunSettings.RepoRoot(), "tests", "testdata", "hpack-test-case", "raw-data");
        string[] files = Directory.GetFiles(directory, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        var stories = new HeaderField[files.Length][][];
        for (int s = 0; s < files.Length; s++)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(files[s]));
            var lists = new List<HeaderField[]>();
            foreach (JsonElement c in doc.RootElement.GetProperty("cases").EnumerateArray())
            {
                var fields = new List<HeaderField>();
                foreach (JsonElement h in c.GetProperty("headers").EnumerateArray())
                {
                    foreach (JsonProperty p in h.EnumerateObject())
                    {
                        fields.Add(new HeaderField(p.Name, p.Value.GetString()!));
                    }
                }

                lists.Add([.. fields]);
            }

            stories[s] = [.. lists];
        }

        return stories;
    }
}
