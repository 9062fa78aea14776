using System.Diagnostics;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Samples;

/// <summary>
/// samples/HttpClientSample run as a program, as its usage says, against samples/AspNetCoreServer
/// on Kestrel (--kestrel) and on H2Sharp (UseH2Sharp), and against the tests' own Kestrel app.
/// </summary>
public sealed class HttpClientSampleTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    /// <summary>A sample program built beside the tests: samples/NAME/bin/CONFIG/net10.0/NAME.dll.</summary>
    private static string SampleDll(string name)
    {
        // The tests run from tests/H2Sharp.Http.Tests/bin/CONFIG/net10.0/.
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        DirectoryInfo root = output;
        while (!File.Exists(Path.Combine(root.FullName, "H2Sharp.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("H2Sharp.slnx not found above " + output.FullName);
        }

        string dll = Path.Combine(root.FullName, "samples", name, "bin", output.Parent!.Name, output.Name, name + ".dll");
        Assert.True(File.Exists(dll), dll + " is missing: build the solution first.");
        return dll;
    }

    private static string DotnetHost => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    private static async Task<(int Code, string Out, string Err)> RunSampleAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SampleDll("HttpClientSample"));
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

    /// <summary>samples/AspNetCoreServer on a free port, cleartext (--h2c), on Kestrel or on H2Sharp.</summary>
    private static Task<PeerProcess> StartServerAsync(bool onKestrel) =>
        onKestrel
            ? PeerProcess.StartAsync(DotnetHost, "(the .NET SDK)", SampleDll("AspNetCoreServer"), "--kestrel", "--h2c", "{port}")
            : PeerProcess.StartAsync(DotnetHost, "(the .NET SDK)", SampleDll("AspNetCoreServer"), "--h2c", "{port}");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Get_prints_the_body_served_by_the_AspNetCoreServer_sample(bool onKestrel)
    {
        using PeerProcess server = await StartServerAsync(onKestrel);
        (int code, string output, string error) = await RunSampleAsync($"http://127.0.0.1:{server.Port}/");
        Assert.True(code == 0, error + "\nserver said:\n" + server.Output);
        Assert.Equal("hello from h2sharp\n", output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Grpc_prints_the_SayHello_reply_of_the_AspNetCoreServer_sample(bool onKestrel)
    {
        using PeerProcess server = await StartServerAsync(onKestrel);
        (int code, string output, string error) = await RunSampleAsync("--grpc", $"http://127.0.0.1:{server.Port}", "--name", "sample");
        Assert.True(code == 0, error + "\nserver said:\n" + server.Output);
        Assert.Equal("Hello sample\n", output);
    }

    [Fact]
    public async Task Get_prints_the_body()
    {
        (int code, string output, string error) = await RunSampleAsync($"http://127.0.0.1:{kestrel.App.Port}/hello");
        Assert.True(code == 0, error);
        Assert.Equal("hello from kestrel\n", output);
    }

    [Fact]
    public async Task A_bad_url_prints_the_usage_and_exits_with_2()
    {
        (int code, _, string error) = await RunSampleAsync("not a url");
        Assert.Equal(2, code);
        Assert.StartsWith("'not a url' is not an absolute http or https URL.\n", error, StringComparison.Ordinal);
        Assert.Contains("Usage:\n  HttpClientSample <URL> [options]\n", error, StringComparison.Ordinal);
    }
}
