using System.Globalization;
using System.Text;
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
        Assert.Equal(response.Body.Length.ToString(CultureInfo.InvariantCulture), response.Header("content-length"));
        Assert.Equal(CurlRequestAsJson("/up"), Json.StringMap(response.BodyText));
    }

    [Fact]
    public void Curl_and_nghttp_are_upgraded_to_http2()
    {
        // curl -i prints the 101 block, exactly as sent, before the HTTP/2 response.
        var (exitCode, output, error) = SampleProgram.RunForBytes(ExternalTool.Require("curl", "curl"),
            $"-sS -i --max-time 60 --http2 http://127.0.0.1:{_port}/up", TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"curl failed ({exitCode}): {error}");
        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\nHTTP/2 200", Encoding.ASCII.GetString(output), StringComparison.Ordinal);
        CurlResponse response = CurlResponse.Parse(output);
        Assert.Equal("HTTP/2", response.Version);
        Assert.Equal(200, response.Status);
        Assert.Equal(
            [new("content-type", "application/json"), new("content-length", response.Body.Length.ToString(CultureInfo.InvariantCulture))],
            response.Headers);
        Assert.Equal(CurlRequestAsJson("/up"), Json.StringMap(response.BodyText));

        string trace = NghttpRun.Trace($"-u http://127.0.0.1:{_port}/nghttp");
        Assert.Contains("HTTP Upgrade response\nHTTP/1.1 101 Switching Protocols\nConnection: Upgrade\nUpgrade: h2c\n", trace.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("HTTP Upgrade success", trace, StringComparison.Ordinal);
        // The upgraded request is stream 1; its response comes in HTTP/2 and ends the stream.
        byte[] body = NghttpRun.Body($"-u http://127.0.0.1:{_port}/nghttp");
        Assert.Equal(
            [new(":status", "200"), new("content-type", "application/json"), new("content-length", body.Length.ToString(CultureInfo.InvariantCulture))],
            NghttpRun.ReceivedHeaders(trace, 1));
        Assert.Contains($"recv DATA frame <length={body.Length}, flags=0x01, stream_id=1>", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("RST_STREAM", trace, StringComparison.Ordinal);
        Assert.Equal(
            Json.Expected(":method", "GET", ":path", "/nghttp", ":scheme", "http", ":authority", $"127.0.0.1:{_port}",
                "accept", "*/*", "user-agent", NghttpRun.UserAgent()),
            Json.StringMap(Encoding.UTF8.GetString(body)));
    }

    [Fact]
    public void A_request_with_a_body_is_answered_in_http11_without_upgrade()
    {
        // curl --http2 asks to upgrade a POST too; the sample declines (RFC 9110 section 7.8).
        CurlResponse response = CurlResponse.Fetch($"--http2 -d hello http://127.0.0.1:{_port}/post");

        Assert.Equal("HTTP/1.1", response.Version);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("content-type"));
        Assert.Equal(
            Json.Expected(":method", "POST", ":path", "/post", ":scheme", "http", ":authority", $"127.0.0.1:{_port}",
                "user-agent", CurlResponse.UserAgent(), "accept", "*/*",
                "content-length", "5", "content-type", "application/x-www-form-urlencoded"),
            Json.StringMap(response.BodyText));
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
