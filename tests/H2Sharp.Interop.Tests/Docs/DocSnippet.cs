namespace H2Sharp.Interop.Tests.Docs;

/// <summary>One fenced <c>```csharp</c> block of a Markdown page, named by the marker line above it.</summary>
/// <param name="Name">The marker's name (<c>&lt;!-- snippet: NAME --&gt;</c>), or null when the block has none.</param>
/// <param name="File">The page, relative to the repository root.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Code">The block's text, without the fences.</param>
internal sealed record DocSnippet(string? Name, string File, int Line, string Code)
{
    public string Where => $"{File}:{Line}";
}
