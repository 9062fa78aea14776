using System.Globalization;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>
/// The samples' command lines (System.CommandLine): --help lists every option and exits with 0,
/// a bad command line says what was wrong on standard error and exits with 2, and the hosted
/// servers stop gracefully on SIGINT (Ctrl+C), as the Generic Host does.
/// </summary>
[Collection(SamplesCollection.Name)]
public sealed class SampleCommandLineTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, string[]> Helps => new()
    {
        { "GettingStarted", "GettingStarted [options]", ["--port <N>", "--exit-after-seconds <N>"] },
        { "AsyncServer", "AsyncServer [options]", ["--port <N>", "--h2c <N>", "--root <DIR>", "--cert <CERT.pem>", "--key <KEY.pem>", "--exit-after-seconds <N>"] },
        { "Client", "Client <URL>... [options]", ["--head", "--post <FILE>", "-k, --insecure", "--timeout <N>"] },
        { "UpgradeServer", "UpgradeServer [options]", ["--port <N>", "--exit-after-seconds <N>"] },
        { "PushServer", "PushServer [options]", ["--port <N>", "--exit-after-seconds <N>"] },
        { "PipelinesServer", "PipelinesServer [options]", ["--port <N>", "--exit-after-seconds <N>"] },
        { "HttpClientSample", "HttpClientSample <URL> [options]", ["--grpc", "-k, --insecure", "--name <NAME>"] },
        { "AspNetCoreServer", "AspNetCoreServer [options]", ["--kestrel", "--h2c <PORT>", "--port <PORT>", "--cert <CERT.pem>", "--key <KEY.pem>", "--stream-count <N>", "--stream-interval-ms <MS>"] },
    };

    [Theory]
    [MemberData(nameof(Helps))]
    public void Help_lists_every_option_and_exits_with_0(string sample, string usage, string[] options)
    {
        using PeerProcess program = SampleProgram.Run(sample, "--help", RunTimeout, out int exitCode);

        Assert.True(exitCode == 0, $"{sample} --help exited with {exitCode}: {program.StandardError}");
        string help = program.StandardOutput;
        Assert.StartsWith("Description:\n", help, StringComparison.Ordinal);
        Assert.Contains($"\nUsage:\n  {usage}\n", help, StringComparison.Ordinal);
        // Each option starts a line of the Options section, with its value's name.
        string[] lines = help.Split('\n');
        foreach (string option in options.Append("-?, -h, --help"))
        {
            Assert.True(lines.Any(l => l.StartsWith("  " + option + " ", StringComparison.Ordinal)), $"'{option}' is not listed:\n{help}");
        }
        Assert.Equal("", program.StandardError);
    }

    [Theory]
    [InlineData("GettingStarted", "--port 70000", "--port takes a number from 0 to 65535, not '70000'.")]
    [InlineData("AsyncServer", "--h2c abc", "--h2c takes a number from 0 to 65535, not 'abc'.")]
    [InlineData("Client", "--timeout 0 http://127.0.0.1:1/", "--timeout takes a number from 0.001 to 86400, not '0'.")]
    [InlineData("AsyncServer", "--cert /etc/hostname", "--cert and --key go together: give both PEM files, or neither for a self-signed certificate.")]
    [InlineData("AsyncServer", "--bogus", "Unrecognized command or argument '--bogus'.")]
    [InlineData("Client", "http://127.0.0.1:1/ https://127.0.0.1:1/", "All URLs go to one server over one connection: give URLs of one scheme, host and port.")]
    [InlineData("Client", "--head --post /etc/hostname http://127.0.0.1:1/", "--head and --post are alternatives: give one of them, or neither for GET.")]
    [InlineData("PushServer", "--exit-after-seconds 0", "--exit-after-seconds takes a number from 0.001 to 31536000, not '0'.")]
    [InlineData("AspNetCoreServer", "--stream-count 1.5", "--stream-count takes a number from 1 to 1000, not '1.5'.")]
    [InlineData("AspNetCoreServer", "--h2c 1 --port 2", "--h2c and --port are alternatives: cleartext on one port, or TLS on another.")]
    public void A_bad_command_line_says_what_is_wrong_and_exits_with_2(string sample, string arguments, string error)
    {
        using PeerProcess program = SampleProgram.Run(sample, arguments, RunTimeout, out int exitCode);

        Assert.Equal(2, exitCode);
        // System.CommandLine may put an empty line first.
        Assert.StartsWith(error + "\n", program.StandardError.TrimStart('\n'), StringComparison.Ordinal);
        Assert.Contains("\nUsage:\n", program.StandardError, StringComparison.Ordinal);
        Assert.Equal("", program.StandardOutput);
    }

    [Theory]
    [InlineData("AsyncServer")]
    [InlineData("PipelinesServer")]
    [InlineData("PushServer")]
    [InlineData("UpgradeServer")]
    public void A_hosted_server_stops_gracefully_on_sigint(string sample)
    {
        int port = Loopback.FreePort();
        using PeerProcess server = SampleProgram.StartServer(sample, $"--port {port}", port);
        server.WaitForOutput("Application started.", SampleProgram.StartTimeout);

        using (PeerProcess kill = PeerProcess.Start(ExternalTool.Require("kill", "procps"), "-INT " + server.Id.ToString(CultureInfo.InvariantCulture)))
        {
            Assert.Equal(0, kill.WaitForExit(RunTimeout));
        }

        int exitCode = server.WaitForExit(TimeSpan.FromSeconds(30));
        string output = server.StandardOutput;
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}\n{server.StandardError}");
        Assert.Contains("info: Microsoft.Hosting.Lifetime[0] Application is shutting down...\n", output, StringComparison.Ordinal);
        Assert.True(output.EndsWith("] Stopped.\n", StringComparison.Ordinal), output);
    }
}
