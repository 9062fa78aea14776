using H2Sharp.Fuzz.Targets;

namespace H2Sharp.Tests.Robustness;

/// <summary>
/// Every committed corpus file, through every fuzz target (not only its own: a frame stream is
/// also an odd HPACK script). A target throws only when the library let an undocumented exception
/// out or an invariant broke, so each file must pass.
/// </summary>
public class CorpusReplayTests
{
    public static TheoryData<string> Targets() => FuzzCorpus.TargetNames();

    [Fact]
    public void Corpus_has_seeds_for_every_target()
    {
        foreach (string target in FuzzTargets.All.Keys)
        {
            Assert.True(FuzzCorpus.FilesOf(target).Count() >= 4, $"Target '{target}' has fewer than 4 seeds.");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_corpus_file_passes(string target)
    {
        var run = FuzzTargets.All[target];
        var failures = new List<string>();
        foreach ((string path, byte[] bytes) in FuzzCorpus.AllFiles)
        {
            try
            {
                run(bytes);
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
