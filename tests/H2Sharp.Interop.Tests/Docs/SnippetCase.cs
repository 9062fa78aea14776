namespace H2Sharp.Interop.Tests.Docs;

/// <summary>
/// One program made of documentation snippets and what running it must show.
/// </summary>
/// <param name="Name">The test case's name.</param>
/// <param name="Parts">The snippets (marker names) the program is made of, in order.</param>
/// <param name="Edit">What the test changes in the composed text: the port, a line the page tells the reader to change.</param>
/// <param name="Check">Runs the built program and asserts its behaviour.</param>
/// <param name="Web">Compile with the Web SDK's implicit usings (an ASP.NET Core app).</param>
internal sealed record SnippetCase(string Name, string[] Parts, Func<string, int, string> Edit, Action<SnippetRun> Check, bool Web = false)
{
    public override string ToString() => Name;
}

/// <summary>A built snippet program, the loopback port it was given, and how to start it.</summary>
internal sealed record SnippetRun(string Dll, int Port)
{
    public Support.PeerProcess Start() => SnippetProgram.Start(Dll);
}
