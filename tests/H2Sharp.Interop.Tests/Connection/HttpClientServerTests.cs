using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>.NET's HttpClient (SocketsHttpHandler, HTTP/2 prior knowledge) against H2Connection as a server.</summary>
public sealed class HttpClientServerTests : IDisposable
{
    private readonly H2TestServer _server = new();
    private readonly HttpClient _client = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Concurrent_requests_share_one_connection_and_get_their_own_bodies()
    {
        int[] sizes = { 0, 1, 100, 16_384, 16_385, 65_535, 65_536, 100_000, 250_000, 3 };
        var tasks = sizes.Select(async n =>
        {
            using HttpResponseMessage response = await _client.GetAsync(Url($"/bytes/{n}"));
            return (n, response.StatusCode, response.Version, response.Content.Headers.ContentLength, Body: await response.Content.ReadAsByteArrayAsync());
        }).ToList();
        var results = await Task.WhenAll(tasks);

        foreach (var r in results)
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(HttpVersion.Version20, r.Version);
            Assert.Equal(r.n, r.ContentLength);
            Assert.Equal(TestRoutes.Pattern(r.n), r.Body);
        }
        _client.Dispose();
        H2SocketDriver connection = _server.WaitForConnectionsToEnd(1).Single();
        Assert.Single(_server.Connections);
        Assert.Equal(sizes.Length, connection.Streams.Values.Count(s => s.Ended && s.ResetCode is null));
        Assert.Null(connection.ConnectionError);
    }

    [Fact]
    public async Task Large_upload_and_download_cross_the_flow_control_windows()
    {
        byte[] upload = TestRoutes.Pattern(3_000_000);
        using var content = new ByteArrayContent(upload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using HttpResponseMessage echoed = await _client.PostAsync(Url("/echo"), content);
        byte[] echoedBody = await echoed.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, echoed.StatusCode);
        Assert.Equal(SHA256.HashData(upload), SHA256.HashData(echoedBody));
        Assert.Equal(upload.Length, echoedBody.Length);

        using HttpResponseMessage download = await _client.GetAsync(Url("/bytes/2500000"));
        Assert.Equal(TestRoutes.Pattern(2_500_000), await download.Content.ReadAsByteArrayAsync());

        _client.Dispose();
        H2SocketDriver connection = _server.WaitForConnectionsToEnd(1).Single();
        Assert.Equal(upload, connection.Streams[1].Body);
        // Our 65,535-octet windows made HttpClient wait for our WINDOW_UPDATEs many times.
        Assert.True(connection.Streams[1].DataFrames > upload.Length / 65_535);
    }

    [Fact]
    public async Task Response_trailers_reach_TrailingHeaders()
    {
        using HttpResponseMessage response = await _client.GetAsync(Url("/trailers"));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestRoutes.TrailerBody, body);
        Assert.Equal(new[] { "c0ffee" }, response.TrailingHeaders.GetValues("x-checksum"));
        Assert.Equal(new[] { "3" }, response.TrailingHeaders.GetValues("x-items"));
    }

    [Fact]
    public async Task Head_and_404_have_exact_status_and_headers()
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, Url("/hello"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using HttpResponseMessage headResponse = await _client.SendAsync(head);
        using HttpResponseMessage missing = await _client.GetAsync(Url("/nope"));

        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Equal(TestRoutes.Hello.Length, headResponse.Content.Headers.ContentLength);
        Assert.Empty(await headResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(TestRoutes.NotFound, await missing.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", missing.Content.Headers.ContentType!.MediaType);
    }

    private Uri Url(string path) => new($"http://{_server.Authority}{path}");
}
