namespace H2Sharp.Interop.Tests.Support;

/// <summary>Paths of the repository, found by walking up to H2Sharp.slnx.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The vendored test data (tests/testdata), inside the repository.</summary>
    public static string TestData => Path.Combine(Root, "tests", "testdata");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "H2Sharp.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("H2Sharp.slnx not found above " + AppContext.BaseDirectory);
    }
}
