using System.Security.Cryptography;
using System.Text.RegularExpressions;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>samples/Client against real servers: nghttpd and Kestrel (cleartext), and the AsyncServer sample (TLS).</summary>
[Collection(SamplesCollection.Name)]
public sealed class ClientTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    // Servers stamp the time; everything else is compared to the byte.
    private static string WithoutTimes(string output) =>
        Regex.Replace(output, "^(date|last-modified): .*$", "$1: *", RegexOptions.Multiline);

    private static string RunClient(string arguments)
    {
        using PeerProcess client = SampleProgram.Run("Client", arguments, RunTimeout, out int exitCode);
        Assert.True(exitCode == 0, $"Client {arguments} exited with {exitCode}: {client.StandardError}\n{client.StandardOutput}");
        return client.StandardOutput;
    }

    private static PeerProcess StartNghttpd(string directory, int port)
    {
        var server = PeerProcess.Start(ExternalTool.Require("nghttpd", "nghttp2-server"),
            $"--no-tls --address=127.0.0.1 -d \"{directory}\" {port}");
        Loopback.WaitForListener(port, TimeSpan.FromSeconds(30));
        return server;
    }

    [Fact]
    public void Gets_several_urls_from_nghttpd_as_concurrent_streams_of_one_connection()
    {
        string dir = Directory.CreateTempSubdirectory("h2sharp-nghttpd-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "hello from nghttpd\n");
            File.WriteAllText(Path.Combine(dir, "b.txt"), "second file\n");
            int port = Loopback.FreePort();
            using PeerProcess nghttpd = StartNghttpd(dir, port);

            string output = RunClient($"http://127.0.0.1:{port}/a.txt http://127.0.0.1:{port}/b.txt");

            string server = "server: nghttpd nghttp2/" + NghttpRun.UserAgent().Split('/')[1];
            Assert.Equal(
                $"GET http://127.0.0.1:{port}/a.txt (stream 1)\n:status: 200\n{server}\ncache-control: max-age=3600\ndate: *\n" +
                "content-length: 19\nlast-modified: *\ncontent-type: text/plain\n\nhello from nghttpd\n" +
                $"GET http://127.0.0.1:{port}/b.txt (stream 3)\n:status: 200\n{server}\ncache-control: max-age=3600\ndate: *\n" +
                "content-length: 12\nlast-modified: *\ncontent-type: text/plain\n\nsecond file\n",
                WithoutTimes(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Head_to_nghttpd_prints_headers_and_no_body()
    {
        string dir = Directory.CreateTempSubdirectory("h2sharp-nghttpd-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "hello from nghttpd\n");
            int port = Loopback.FreePort();
            using PeerProcess nghttpd = StartNghttpd(dir, port);

            string output = RunClient($"--head http://127.0.0.1:{port}/a.txt");

            Assert.StartsWith($"HEAD http://127.0.0.1:{port}/a.txt (stream 1)\n:status: 200\n", output, StringComparison.Ordinal);
            Assert.Contains("\ncontent-length: 19\n", output, StringComparison.Ordinal);
            Assert.EndsWith("content-type: text/plain\n\n", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Gets_from_kestrel_on_concurrent_streams()
    {
        await using KestrelServer kestrel = await KestrelServer.StartAsync();
        string url = $"http://127.0.0.1:{kestrel.Port}/hello";

        string output = RunClient($"{url} {url} {url}");

        string one(int stream) =>
            $"GET {url} (stream {stream})\n:status: 200\ncontent-type: text/plain\ndate: *\ncontent-length: 19\n\nhello from kestrel\n";
        Assert.Equal(one(1) + one(3) + one(5), WithoutTimes(output));
    }

    [Fact]
    public async Task Posts_a_large_file_to_kestrel_within_its_flow_control_windows()
    {
        await using KestrelServer kestrel = await KestrelServer.StartAsync();
        string file = Path.GetTempFileName();
        try
        {
            // 1 MiB: far past the 64 KiB the client may send before Kestrel's first WINDOW_UPDATE.
            byte[] data = new byte[1024 * 1024];
            new Random(4).NextBytes(data);
            File.WriteAllBytes(file, data);
            string url = $"http://127.0.0.1:{kestrel.Port}/upload";

            string output = RunClient($"--post \"{file}\" {url}");

            string expectedBody = $"{data.Length} {Convert.ToHexStringLower(SHA256.HashData(data))}\n";
            Assert.Equal($"POST {url} (stream 1)\n:status: 200\ncontent-type: text/plain\ndate: *\ncontent-length: {expectedBody.Length}\n\n{expectedBody}", WithoutTimes(output));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Reaches_the_async_server_sample_over_tls_with_alpn()
    {
        int port = Loopback.FreePort();
        using PeerProcess server = SampleProgram.StartServer("AsyncServer", $"--port {port}", port);

        string output = RunClient($"-k https://127.0.0.1:{port}/hello.txt");

        Assert.Equal($"GET https://127.0.0.1:{port}/hello.txt (stream 1)\n:status: 200\ncontent-type: text/plain; charset=utf-8\n" +
            "content-length: 15\nserver: h2sharp-async-server\n\nHello, HTTP/2!\n", output);
    }

    [Fact]
    public void Refuses_a_self_signed_certificate_without_k()
    {
        int port = Loopback.FreePort();
        using PeerProcess server = SampleProgram.StartServer("AsyncServer", $"--port {port}", port);

        using PeerProcess client = SampleProgram.Run("Client", $"https://127.0.0.1:{port}/hello.txt", RunTimeout, out int exitCode);

        Assert.NotEqual(0, exitCode);
        Assert.Equal("", client.StandardOutput);
    }
}
