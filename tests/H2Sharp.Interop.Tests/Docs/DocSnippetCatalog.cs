using System.Text.RegularExpressions;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Docs;

/// <summary>
/// Every C# block of the pages a reader sees: README.md, docs/*.md and each package's
/// src/*/README.md. A block is named by the line just above its fence:
/// <c>&lt;!-- snippet: NAME --&gt;</c>; <see cref="SnippetCases"/> says how each name is tested.
/// </summary>
internal static partial class DocSnippetCatalog
{
    public static IReadOnlyList<string> Pages()
    {
        var pages = new List<string> { "README.md" };
        pages.AddRange(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(Relative));
        pages.AddRange(Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src"))
            .Select(d => Path.Combine(d, "README.md")).Where(File.Exists).Select(Relative));
        pages.Sort(StringComparer.Ordinal);
        return pages;
    }

    public static IReadOnlyList<DocSnippet> All() => Pages().SelectMany(Read).ToList();

    public static DocSnippet Get(string name)
    {
        var found = All().Where(s => s.Name == name).ToList();
        Assert.True(found.Count == 1, $"snippet '{name}' is marked {found.Count} times (expected once).");
        return found[0];
    }

    private static IEnumerable<DocSnippet> Read(string page)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, page));
        for (int i = 0; i < lines.Length; i++)
        {
            if (!CSharpFence().IsMatch(lines[i]))
            {
                continue;
            }
            int open = i;
            var code = new List<string>();
            for (i++; i < lines.Length && lines[i].TrimEnd() != "```"; i++)
            {
                code.Add(lines[i]);
            }
            Match marker = open > 0 ? Marker().Match(lines[open - 1]) : Match.Empty;
            yield return new DocSnippet(marker.Success ? marker.Groups[1].Value : null, page, open + 1,
                string.Join('\n', code) + "\n");
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');

    [GeneratedRegex(@"^```\s*(csharp|cs|c#)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CSharpFence();

    [GeneratedRegex(@"^<!--\s*snippet:\s*([A-Za-z0-9._-]+)\s*-->\s*$")]
    private static partial Regex Marker();
}
