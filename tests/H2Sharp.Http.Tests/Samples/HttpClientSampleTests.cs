using System.Diagnostics;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Samples;

/// <summary>samples/HttpClientSample run as a program against Kestrel: a GET body, and Greeter/SayHello over gRPC.</summary>
public sealed class HttpClientSampleTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private static async Task<(int Code, string Out, string Err)> RunSampleAsync(params string[] arguments)
    {
        // The tests run from tests/H2Sharp.Http.Tests/bin/CONFIG/net10.0/; the sample is built beside them.
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        DirectoryInfo root = output;
        while (!File.Exists(Path.Combine(root.FullName, "H2Sharp.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("H2Sharp.slnx not found above " + output.FullName);
        }

        string dll = Path.Combine(root.FullName, "samples", "HttpClientSample", "bin", output.Parent!.Name, output.Name, "HttpClientSample.dll");
        Assert.True(File.Exists(dll), dll + " is missing: build the solution first.");
        string host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Get_prints_the_body()
    {
        (int code, string output, string error) = await RunSampleAsync($"http://127.0.0.1:{kestrel.App.Port}/hello");
        Assert.True(code == 0, error);
        Assert.Equal("hello from kestrel\n", output);
    }

    [Fact]
    public async Task Grpc_prints_the_SayHello_reply()
    {
        (int code, string output, string error) = await RunSampleAsync("--grpc", $"http://127.0.0.1:{kestrel.App.Port}", "--name", "sample");
        Assert.True(code == 0, error);
        Assert.Equal("Hello sample\n", output);
    }
}
