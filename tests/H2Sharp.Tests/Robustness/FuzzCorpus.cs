using H2Sharp.Fuzz.Targets;

namespace H2Sharp.Tests.Robustness;

/// <summary>The committed seed corpus under fuzz/corpus/, read from the repository.</summary>
internal static class FuzzCorpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Every target the harness has, as xunit theory data.</summary>
    public static TheoryData<string> TargetNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in FuzzTargets.All.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Every corpus file of every target (the generator script excepted), in a fixed order.</summary>
    public static IReadOnlyList<(string Path, byte[] Bytes)> AllFiles { get; } = Load();

    /// <summary>The corpus files of one target's own seed folder.</summary>
    public static IEnumerable<byte[]> FilesOf(string target)
    {
        string folder = Path.Combine(Root.Value, FuzzTargets.CorpusOf(target)) + Path.DirectorySeparatorChar;
        return AllFiles.Where(f => f.Path.StartsWith(folder, StringComparison.Ordinal)).Select(f => f.Bytes);
    }

    private static List<(string, byte[])> Load()
    {
        return Directory.GetFiles(Root.Value, "*", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith(".py", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllBytes(p)))
            .ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "H2Sharp.slnx")))
            {
                return Path.Combine(dir.FullName, "fuzz", "corpus");
            }
        }

        throw new InvalidOperationException("H2Sharp.slnx not found above " + AppContext.BaseDirectory);
    }
}
