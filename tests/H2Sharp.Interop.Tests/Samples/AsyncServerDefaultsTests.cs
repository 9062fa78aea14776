using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>samples/AsyncServer with its defaults: the wwwroot next to the program and a fresh self-signed certificate.</summary>
[Collection(SamplesCollection.Name)]
public sealed class AsyncServerDefaultsTests
{
    [Fact]
    public void Curl_gets_the_bundled_index_page_over_tls_with_alpn_h2()
    {
        int port = Loopback.FreePort();
        using PeerProcess server = SampleProgram.StartServer("AsyncServer", $"--port {port}", port);

        CurlResponse response = CurlResponse.Fetch($"--http2 -k https://127.0.0.1:{port}/");

        byte[] expected = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "AsyncServer", "wwwroot", "index.html"));
        Assert.Equal("HTTP/2", response.Version);
        Assert.Equal("text/html; charset=utf-8", response.Header("content-type"));
        Assert.Equal(expected, response.Body);

        CurlResponse image = CurlResponse.Fetch($"--http2 -k https://127.0.0.1:{port}/h2.svg");
        Assert.Equal("image/svg+xml", image.Header("content-type"));
    }

    [Fact]
    public void A_client_that_offers_only_http11_is_refused_during_the_handshake()
    {
        int port = Loopback.FreePort();
        using PeerProcess server = SampleProgram.StartServer("AsyncServer", $"--port {port}", port);

        var (exitCode, _, _) = SampleProgram.RunForBytes(ExternalTool.Require("curl", "curl"),
            $"-sS -k --http1.1 --max-time 30 https://127.0.0.1:{port}/", TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
    }
}
