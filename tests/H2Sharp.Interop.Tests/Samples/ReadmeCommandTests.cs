using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>The README's first command, run as written (from the repository root), answers curl as the README says.</summary>
[Collection(SamplesCollection.Name)]
public sealed class ReadmeCommandTests
{
    private const string Command = "dotnet run --project samples/GettingStarted";

    [Fact]
    public void The_readme_names_the_command_this_test_runs()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        Assert.Contains(Command, readme, StringComparison.Ordinal);
        Assert.Contains("curl --http2-prior-knowledge http://127.0.0.1:8080/", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_run_of_getting_started_serves_curl_with_prior_knowledge()
    {
        int port = Loopback.FreePort();
        var environment = new Dictionary<string, string>
        {
            // The README's port is 8080; the test picks a free one the sample reads from here.
            ["H2SHARP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Leave no build servers running after the test: only the process we start, and its children.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        using PeerProcess server = PeerProcess.Start(SampleProgram.DotnetHost(), Command["dotnet ".Length..], RepoPaths.Root, environment);
        // dotnet run builds first: allow for a slow, busy machine.
        server.WaitForOutput("Listening on", TimeSpan.FromMinutes(5));
        Loopback.WaitForListener(port, TimeSpan.FromSeconds(30));

        CurlResponse response = CurlResponse.Fetch($"--http2-prior-knowledge http://127.0.0.1:{port}/");

        Assert.Equal("HTTP/2", response.Version);
        Assert.Equal(200, response.Status);
        Assert.Equal(
            $"{{\":method\":\"GET\",\":path\":\"/\",\":scheme\":\"http\",\":authority\":\"127.0.0.1:{port}\",\"user-agent\":\"{CurlResponse.UserAgent()}\",\"accept\":\"*/*\"}}",
            response.BodyText);
    }
}
