using System.Diagnostics;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// Runs a sample from samples/NAME as built with the tests (same configuration, no rebuild):
/// <c>dotnet samples/NAME/bin/CONFIG/net10.0/NAME.dll args</c>.
/// </summary>
internal static class SampleProgram
{
    /// <summary>How long a server sample may take to say it listens.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a server sample lives at most, even if the test host dies (--exit-after-seconds).</summary>
    public const int LifetimeSeconds = 300;

    /// <summary>The built sample, or fails the test saying how to build it.</summary>
    public static string DllPath(string name)
    {
        // The test assembly sits in tests/H2Sharp.Interop.Tests/bin/CONFIG/net10.0/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        string configuration = testOutput.Parent!.Name;
        string framework = testOutput.Name;
        string dll = Path.Combine(RepoPaths.Root, "samples", name, "bin", configuration, framework, name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first (dotnet build H2Sharp.slnx -c {configuration}).");
        return dll;
    }

    /// <summary>The dotnet host running these tests (so the samples use the same runtime).</summary>
    public static string DotnetHost()
    {
        string? fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }
        return ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
    }

    /// <summary>
    /// Starts a server sample with <paramref name="arguments"/> (plus --exit-after-seconds), waits
    /// until it prints "Listening" and accepts connections on <paramref name="port"/>.
    /// </summary>
    public static PeerProcess StartServer(string name, string arguments, int port)
    {
        var server = PeerProcess.Start(DotnetHost(),
            $"\"{DllPath(name)}\" {arguments} --exit-after-seconds {LifetimeSeconds}", RepoPaths.Root);
        try
        {
            server.WaitForOutput("Listening", StartTimeout);
            Loopback.WaitForListener(port, StartTimeout);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    /// <summary>Runs a sample to its end (bounded) and returns it for its exit code and output.</summary>
    public static PeerProcess Run(string name, string arguments, TimeSpan timeout, out int exitCode)
    {
        var program = PeerProcess.Start(DotnetHost(), $"\"{DllPath(name)}\" {arguments}", RepoPaths.Root);
        exitCode = program.WaitForExit(timeout);
        return program;
    }

    /// <summary>Runs a program and captures its raw standard output as bytes (bodies may be binary).</summary>
    public static (int ExitCode, byte[] Output, string Error) RunForBytes(string fileName, string arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(info)!;
        var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            Assert.Fail($"'{fileName} {arguments}' did not finish in {timeout.TotalSeconds} s.");
        }
        Task.WaitAll(new Task[] { copy, error }, TimeSpan.FromSeconds(10));
        return (process.ExitCode, output.ToArray(), error.IsCompleted ? error.Result : "");
    }
}
