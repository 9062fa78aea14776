using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>curl (nghttp2 inside, prior knowledge over cleartext) talks to H2Connection as a server.</summary>
public sealed class CurlClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("h2sharp-curl-").FullName;
    private readonly H2TestServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Get_returns_status_headers_and_exact_body()
    {
        string headersFile = Path.Combine(_dir, "h"), bodyFile = Path.Combine(_dir, "b");
        Curl($"-D {headersFile} -o {bodyFile} http://{_server.Authority}/hello");

        string[] lines = File.ReadAllLines(headersFile).Where(l => l.Length > 0).ToArray();
        Assert.Equal("HTTP/2 200", lines[0].Trim());
        Assert.Contains("content-type: text/plain", lines.Select(l => l.Trim()));
        Assert.Contains("content-length: 19", lines.Select(l => l.Trim()));
        Assert.Equal(TestRoutes.Hello, File.ReadAllBytes(bodyFile));

        H2StreamRecord request = _server.WaitForConnectionsToEnd(1).Single().Streams[1];
        Assert.Equal("GET", request.Get(":method"));
        Assert.Equal("http", request.Get(":scheme"));
        Assert.Equal(_server.Authority, request.Get(":authority"));
        Assert.Equal("/hello", request.Get(":path"));
        Assert.True(request.Ended);
        Assert.Empty(request.Body);
    }

    [Fact]
    public void Head_gets_content_length_and_no_body()
    {
        string output = Curl($"-I -w \"size_download=%{{size_download}}\" http://{_server.Authority}/hello");

        Assert.StartsWith("HTTP/2 200", output, StringComparison.Ordinal);
        Assert.Contains("content-length: 19", output, StringComparison.Ordinal);
        H2SocketDriver connection = _server.WaitForConnectionsToEnd(1).Single();
        Assert.Equal("HEAD", connection.Streams[1].Get(":method"));
        // Our response was one HEADERS frame with END_STREAM: curl saw no DATA.
        Assert.EndsWith("size_download=0", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Post_of_one_mebibyte_is_echoed_byte_exact()
    {
        byte[] upload = TestRoutes.Pattern(1 << 20);
        string uploadFile = Path.Combine(_dir, "up"), bodyFile = Path.Combine(_dir, "b");
        File.WriteAllBytes(uploadFile, upload);
        Curl($"--data-binary @{uploadFile} -H \"content-type: application/octet-stream\" -o {bodyFile} http://{_server.Authority}/echo");

        Assert.Equal(upload, File.ReadAllBytes(bodyFile));
        H2StreamRecord request = _server.WaitForConnectionsToEnd(1).Single().Streams[1];
        Assert.Equal("POST", request.Get(":method"));
        Assert.Equal("1048576", request.Get("content-length"));
        Assert.Equal(upload, request.Body);
    }

    /// <remarks>
    /// curl 7.88.1 (Debian 12) cannot reuse a prior-knowledge HTTP/2 connection: a second URL on
    /// it fails with "(16) Error in the HTTP2 framing layer" against nghttpd too, so the URLs go
    /// in parallel on their own connections (--parallel-immediate). Concurrent streams on one
    /// connection are covered by nghttp -m, h2load, Node and HttpClient.
    /// </remarks>
    [Fact]
    public void Several_urls_in_one_invocation_all_get_their_responses()
    {
        string[] paths = { "/hello", "/bytes/70000", "/nothing-here", "/bytes/5" };
        string outputs = string.Join(" ", paths.Select((p, i) => $"-o {Path.Combine(_dir, "o" + i)} http://{_server.Authority}{p}"));
        Curl($"-Z --parallel-immediate --parallel-max 10 {outputs}");

        Assert.Equal(TestRoutes.Hello, File.ReadAllBytes(Path.Combine(_dir, "o0")));
        Assert.Equal(TestRoutes.Pattern(70000), File.ReadAllBytes(Path.Combine(_dir, "o1")));
        Assert.Equal(TestRoutes.NotFound, File.ReadAllBytes(Path.Combine(_dir, "o2")));
        Assert.Equal(TestRoutes.Pattern(5), File.ReadAllBytes(Path.Combine(_dir, "o3")));

        var streams = _server.WaitForConnectionsToEnd(1).SelectMany(c => c.Streams.Values).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), streams.Select(s => s.Get(":path")).Order(StringComparer.Ordinal));
        Assert.All(streams, s => Assert.True(s.Ended && s.ResetCode is null));
    }

    private static string Curl(string arguments)
    {
        string curl = ExternalTool.Require("curl", "curl");
        using var client = PeerProcess.Start(curl, "-sS --http2-prior-knowledge --max-time 20 " + arguments);
        int exit = client.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"curl exited {exit}: {client.StandardError}\n{client.StandardOutput}");
        return client.StandardOutput;
    }
}
