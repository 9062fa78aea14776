namespace H2Sharp.Interop.Tests.Samples;

/// <summary>
/// The sample tests run one after another: each starts programs and real clients, and the
/// machine's few cores are shared with the other test collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SamplesCollection
{
    public const string Name = "Samples";
}
