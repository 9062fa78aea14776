using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using H2Sharp.Interop.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace H2Sharp.Interop.Tests.Docs;

/// <summary>
/// Turns snippets into a console program as a reader would (a new console project with implicit
/// usings, referencing H2Sharp), compiles it with Roslyn and runs it with the test's dotnet host.
/// </summary>
internal static partial class SnippetProgram
{
    /// <summary>The global usings of <c>dotnet new console</c> (ImplicitUsings=enable).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The extra global usings of the Web SDK (<c>Microsoft.NET.Sdk.Web</c>), for ASP.NET Core snippets.</summary>
    private const string WebImplicitUsings = """
        global using System.Net.Http.Json;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    /// <summary>
    /// One program text from several parts, in order: their <c>using</c> directives go first (a
    /// page shows them with the code that needs them), everything else follows.
    /// </summary>
    public static string Compose(params string[] parts)
    {
        var usings = new List<string>();
        var body = new StringBuilder();
        foreach (string part in parts)
        {
            foreach (string line in part.Split('\n'))
            {
                if (UsingDirective().IsMatch(line))
                {
                    if (!usings.Contains(line.Trim()))
                    {
                        usings.Add(line.Trim());
                    }
                }
                else
                {
                    body.Append(line).Append('\n');
                }
            }
        }
        return string.Join('\n', usings) + "\n\n" + body;
    }

    /// <summary>Compiles <paramref name="source"/> into a runnable program; fails the test with the diagnostics.</summary>
    public static string Build(string name, string source, bool web = false)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees =
        [
            CSharpSyntaxTree.ParseText(web ? ImplicitUsings + "\n" + WebImplicitUsings : ImplicitUsings, parse, path: "GlobalUsings.cs"),
            CSharpSyntaxTree.ParseText(source, parse, path: name + ".cs"),
        ];
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(name, trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
                // As the SDK does (NoWarn 1701;1702): a package built against an older framework assembly version.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

        string dir = Path.Combine(Path.GetTempPath(), "h2sharp-snippets", name + "-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string dll = Path.Combine(dir, name + ".dll");
        using (FileStream output = File.Create(dll))
        {
            var result = compilation.Emit(output);
            ImmutableArray<Diagnostic> problems = [.. result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)];
            Assert.True(result.Success && problems.IsEmpty,
                $"snippet program '{name}' does not compile cleanly:\n{string.Join('\n', problems)}\n--- source ---\n{Numbered(source)}");
        }

        // The four packages, as a project referencing them would have them next to the program.
        foreach (string package in Directory.GetFiles(AppContext.BaseDirectory, "H2Sharp*.dll")
            .Where(p => !Path.GetFileName(p).Contains(".Tests", StringComparison.Ordinal)))
        {
            File.Copy(package, Path.Combine(dir, Path.GetFileName(package)), overwrite: true);
        }
        string aspNetVersion = Path.GetFileName(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!)!;
        string frameworks =
            $"{{\"name\":\"Microsoft.NETCore.App\",\"version\":\"{Environment.Version}\"}}," +
            $"{{\"name\":\"Microsoft.AspNetCore.App\",\"version\":\"{aspNetVersion}\"}}";
        File.WriteAllText(Path.Combine(dir, name + ".runtimeconfig.json"),
            "{\"runtimeOptions\":{\"tfm\":\"net10.0\",\"frameworks\":[" + frameworks + "]}}");
        return dll;
    }

    /// <summary>Starts a built snippet program (killed when disposed).</summary>
    public static PeerProcess Start(string dll) =>
        PeerProcess.Start(SampleProgram.DotnetHost(), $"\"{dll}\"", Path.GetDirectoryName(dll));

    private static string Numbered(string source) =>
        string.Join('\n', source.Split('\n').Select((l, i) => $"{i + 1,4} {l}"));

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[A-Za-z_][\w.]*\s*(=\s*[\w.<>]+\s*)?;\s*$")]
    private static partial Regex UsingDirective();
}
