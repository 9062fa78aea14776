using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>samples/UpgradeServer: HTTP/1.1 "Upgrade: h2c" (curl --http2, nghttp -u) and prior knowledge.</summary>
[Collection(SamplesCollection.Name)]
public sealed class UpgradeServerTests : IDisposable
{
    private readonly int _port = Loopback.FreePort();
    private readonly PeerProcess _server;

    public UpgradeServerTests()
    {
        _server = SampleProgram.StartServer("UpgradeServer", $"--port {_port}", _port);
    }

    public void Dispose() => _server.Dispose();

    private SortedDictionary<string, string> CurlRequestAsJson(string path) =>
        Json.Expected(":method", "GET", ":path", path, ":scheme", "http", ":authority", $"127.0.0.1:{_port}",
            "user-agent", CurlResponse.UserAgent(), "accept", "*/*");

    [Fact]
    public void Curl_asking_to_upgrade_gets_its_request_as_json()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2 http://127.0.0.1:{_port}/up");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("content-type"));
        Assert.Equal(response.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("content-length"));
        Assert.Equal(CurlRequestAsJson("/up"), Json.StringMap(response.BodyText));
    }

    [Fact(Skip = "Needs H2Connection.InitiateUpgradeConnection (issue 5); until then the sample declines the upgrade and answers in HTTP/1.1.")]
    public void Curl_and_nghttp_are_upgraded_to_http2()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2 http://127.0.0.1:{_port}/up");
        Assert.Equal("HTTP/2", response.Version);
        Assert.Equal(CurlRequestAsJson("/up"), Json.StringMap(response.BodyText));

        string trace = NghttpRun.Trace($"-u http://127.0.0.1:{_port}/nghttp");
        Assert.Contains("HTTP Upgrade response", trace, StringComparison.Ordinal);
        Assert.Contains("recv (stream_id=1) :status: 200", trace, StringComparison.Ordinal);
    }

    [Fact]
    public void Curl_with_prior_knowledge_is_served_too()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2-prior-knowledge http://127.0.0.1:{_port}/pk");

        Assert.Equal("HTTP/2", response.Version);
        Assert.Equal(CurlRequestAsJson("/pk"), Json.StringMap(response.BodyText));
    }

    [Fact]
    public void Plain_http11_is_told_to_upgrade()
    {
        CurlResponse response = CurlResponse.Fetch($"--http1.1 http://127.0.0.1:{_port}/");

        Assert.Equal("HTTP/1.1", response.Version);
        Assert.Equal(426, response.Status);
        Assert.Equal("h2c", response.Header("upgrade"));
        Assert.Equal("This server speaks HTTP/2: send Upgrade: h2c (curl --http2) or use prior knowledge.\n", response.BodyText);
    }
}
