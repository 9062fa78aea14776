using H2Sharp.Interop.Tests.Samples;

namespace H2Sharp.Interop.Tests.Docs;

/// <summary>
/// Every C# snippet a reader can copy from README.md, docs/*.md or a package README compiles as
/// a console program and does what its page says, over loopback with real clients.
/// </summary>
[Collection(SamplesCollection.Name)]
public sealed class DocSnippetTests
{
    public static TheoryData<string> CaseNames() => [.. SnippetCases.All.Select(c => c.Name)];

    [Fact]
    public void Every_csharp_block_is_named_and_has_a_case()
    {
        IReadOnlyList<DocSnippet> snippets = DocSnippetCatalog.All();
        Assert.NotEmpty(snippets);
        var unnamed = snippets.Where(s => s.Name is null).Select(s => s.Where).ToList();
        Assert.True(unnamed.Count == 0,
            "C# blocks without a '<!-- snippet: NAME -->' line above the fence: " + string.Join(", ", unnamed));
        var duplicates = snippets.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "snippet names used twice: " + string.Join(", ", duplicates));
        var used = SnippetCases.All.SelectMany(c => c.Parts).Select(SnippetCases.SnippetName).ToHashSet();
        var untested = snippets.Where(s => !used.Contains(s.Name!)).Select(s => $"{s.Name} ({s.Where})").ToList();
        Assert.True(untested.Count == 0, "snippets no case in SnippetCases runs: " + string.Join(", ", untested));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Snippet_program_compiles_and_runs_as_documented(string name)
    {
        SnippetCase c = SnippetCases.All.Single(x => x.Name == name);
        int port = Support.Loopback.FreePort();
        string source = c.Edit(SnippetProgram.Compose([.. c.Parts.Select(SnippetCases.Text)]), port);
        c.Check(new SnippetRun(SnippetProgram.Build(name, source, c.Web), port));
    }
}
