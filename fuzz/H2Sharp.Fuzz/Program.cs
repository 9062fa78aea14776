using System;
using System.IO;
using System.Linq;
using H2Sharp.Fuzz.Support;
using H2Sharp.Fuzz.Targets;
using SharpFuzz;

namespace H2Sharp.Fuzz;

/// <summary>
/// Command line: <c>&lt;target&gt; &lt;file-or-dir&gt;...</c> replays inputs (exit 1 if any
/// crashes); <c>afl &lt;target&gt;</c> runs under AFL++ through SharpFuzz;
/// <c>list</c> names the targets; <c>corpus-of &lt;target&gt;</c> prints its corpus folder name.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">See the type's summary.</param>
    /// <returns>0 when every replayed input passed.</returns>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] == "list")
        {
            Console.WriteLine("usage: H2Sharp.Fuzz <target> <file-or-dir>... | afl <target> | list");
            Console.WriteLine("targets: " + string.Join(", ", FuzzTargets.All.Keys));
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "corpus-of")
        {
            _ = Find(args.ElementAtOrDefault(1));
            Console.WriteLine(FuzzTargets.CorpusOf(args[1]));
            return 0;
        }

        if (args[0] == "afl")
        {
            FuzzTarget aflTarget = Find(args.ElementAtOrDefault(1));
            // AFL++ gives each input on stdin through SharpFuzz's forkserver shim; anything that
            // escapes the target ends the run as a crash.
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                aflTarget(copy.GetBuffer().AsSpan(0, (int)copy.Length));
            });
            return 0;
        }

        FuzzTarget target = Find(args[0]);
        int failed = 0;
        int total = 0;
        foreach (string path in args.Skip(1).SelectMany(Expand))
        {
            total++;
            try
            {
                target(File.ReadAllBytes(path));
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"CRASH {path}: {e.GetType().FullName}: {e.Message}");
                Console.WriteLine(e.StackTrace);
            }
        }

        Console.WriteLine($"{args[0]}: {total} inputs, {failed} crashed");
        return failed == 0 ? 0 : 1;
    }

    private static FuzzTarget Find(string? name)
    {
        if (name is null || !FuzzTargets.All.TryGetValue(name, out FuzzTarget? target))
        {
            throw new ArgumentException($"Unknown target '{name}'; targets: {string.Join(", ", FuzzTargets.All.Keys)}.");
        }

        return target;
    }

    private static string[] Expand(string path) => Directory.Exists(path)
        ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
        : [path];
}
