using H2Sharp.Fuzz.Targets;

namespace H2Sharp.Tests.Robustness;

/// <summary>
/// Seeded random mutations of the corpus through every target: a few thousand cases in all,
/// the same on every run. Each target lets only documented exceptions out and checks its own
/// invariants; a failure message gives the seed, the case number and the input in hex, enough
/// to turn it into a fixed test.
/// </summary>
public class MutationTests
{
    public static TheoryData<string> Targets() => FuzzCorpus.TargetNames();

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_corpus_gives_only_documented_exceptions(string target)
    {
        // The memory target decodes a whole MiB per case: fewer cases, same coverage of its head.
        int cases = target == "hpack-memory" ? 60 : 1500;
        var run = FuzzTargets.All[target];
        var pool = FuzzCorpus.FilesOf(target).Concat(FuzzCorpus.AllFiles.Select(f => f.Bytes)).ToList();
        foreach (int seed in new[] { 1, 2 })
        {
            var mutator = new Mutator(seed * 7919 + target.Length, pool);
            for (int i = 0; i < cases / 2; i++)
            {
                byte[] input = mutator.Next();
                try
                {
                    run(input);
                }
                catch (Exception e)
                {
                    Assert.Fail($"{target} seed {seed} case {i}: {e.GetType().FullName}: {e.Message}{Environment.NewLine}" +
                        $"input: {Convert.ToHexString(input)}{Environment.NewLine}{e.StackTrace}");
                }
            }
        }
    }
}
