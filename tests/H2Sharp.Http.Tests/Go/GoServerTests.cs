using System.Net;
using System.Security.Cryptography;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Go;

/// <summary>H2SharpHandler against Go's net/http2 h2c server (golang.org/x/net/http2, built offline from Debian's packages).</summary>
public sealed class GoServerTests
{
    private static HttpClient Client(H2SharpHandler? handler = null) => new(handler ?? new H2SharpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Get_with_prior_knowledge_arrives_as_HTTP2()
    {
        using PeerProcess go = await GoPeer.StartAsync();
        using HttpClient client = Client();
        using HttpResponseMessage response = await client.GetAsync($"http://127.0.0.1:{go.Port}/hello");
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("hello from go HTTP/2.0", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Download_and_upload_of_16_MiB_byte_exact()
    {
        const int size = 16 * 1024 * 1024;
        using PeerProcess go = await GoPeer.StartAsync();
        using HttpClient client = Client();
        using (HttpResponseMessage response = await client.GetAsync($"http://127.0.0.1:{go.Port}/download/{size}", HttpCompletionOption.ResponseHeadersRead))
        {
            await using Stream body = await response.Content.ReadAsStreamAsync();
            Assert.Equal(SHA256.HashData(Loopback.Pattern(size)), await SHA256.HashDataAsync(body));
        }

        byte[] payload = Loopback.Pattern(size);
        using var content = new StreamContent(new MemoryStream(payload), 64 * 1024);
        using HttpResponseMessage upload = await client.PostAsync($"http://127.0.0.1:{go.Port}/upload", content);
        Assert.Equal($"{size} {Convert.ToHexStringLower(SHA256.HashData(payload))}", await upload.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_over_one_connection()
    {
        using PeerProcess go = await GoPeer.StartAsync();
        using HttpClient client = Client();
        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.GetStringAsync($"http://127.0.0.1:{go.Port}/download/{i + 1}")));
        for (int i = 0; i < bodies.Length; i++)
        {
            Assert.Equal(i + 1, bodies[i].Length);
        }
    }

    [Fact]
    public async Task Trailers_land_in_TrailingHeaders()
    {
        using PeerProcess go = await GoPeer.StartAsync();
        using HttpClient client = Client();
        using HttpResponseMessage response = await client.GetAsync($"http://127.0.0.1:{go.Port}/trailers");
        Assert.Equal("body before trailers", await response.Content.ReadAsStringAsync());
        Assert.Equal("abc123", Assert.Single(response.TrailingHeaders.GetValues("x-checksum")));
        Assert.Equal("2", Assert.Single(response.TrailingHeaders.GetValues("x-count")));
    }

    [Fact]
    public async Task An_aborted_handler_resets_the_stream_and_the_body_read_throws_HttpIOException()
    {
        using PeerProcess go = await GoPeer.StartAsync();
        using HttpClient client = Client();
        using HttpResponseMessage response = await client.GetAsync($"http://127.0.0.1:{go.Port}/reset", HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        HttpIOException e = await Assert.ThrowsAsync<HttpIOException>(async () => await body.CopyToAsync(Stream.Null));
        Assert.Equal(HttpRequestError.HttpProtocolError, e.HttpRequestError);
        Assert.Contains("RST_STREAM INTERNAL_ERROR (0x2)", e.Message, StringComparison.Ordinal);
        Assert.Equal("hello from go HTTP/2.0", await client.GetStringAsync($"http://127.0.0.1:{go.Port}/hello"));
    }

    [Fact]
    public async Task UseH2cUpgrade_starts_with_HTTP11_Upgrade_h2c_and_then_speaks_HTTP2()
    {
        using PeerProcess go = await GoPeer.StartAsync();
        var recording = new RecordingConnect();
        using HttpClient client = Client(new H2SharpHandler { UseH2cUpgrade = true, ConnectCallback = recording.ConnectAsync });
        Assert.Equal("hello from go HTTP/2.0", await client.GetStringAsync($"http://127.0.0.1:{go.Port}/hello"));
        string[] lines = recording.Written.Split("\r\n");
        Assert.Equal("OPTIONS / HTTP/1.1", lines[0]);
        Assert.Contains("Upgrade: h2c", lines);
        Assert.Contains("Connection: Upgrade, HTTP2-Settings", lines);
        Assert.Contains(lines, l => l.StartsWith("HTTP2-Settings: ", StringComparison.Ordinal));
        Assert.Contains("PRI * HTTP/2.0", recording.Written, StringComparison.Ordinal);
        // Later requests share the upgraded connection: streams 3, 5, ...
        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.GetStringAsync($"http://127.0.0.1:{go.Port}/download/{i + 1}")));
        Assert.Equal(Enumerable.Range(1, 20), bodies.Select(b => b.Length));
    }
}
