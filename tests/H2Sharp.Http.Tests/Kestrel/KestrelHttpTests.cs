using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Kestrel;

/// <summary>H2SharpHandler under HttpClient against Kestrel (HTTP/2 only), cleartext and TLS.</summary>
public sealed class KestrelHttpTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static HttpClient Client(H2SharpHandler? handler = null) => new(handler ?? new H2SharpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout,
    };

    private static H2SharpHandler TrustingHandler() => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == TestCertificate.Certificate.GetCertHashString() },
    };

    [Fact]
    public async Task Get_over_cleartext_returns_body_status_and_headers()
    {
        using HttpClient client = Client();
        using HttpResponseMessage response = await client.GetAsync(new Uri(kestrel.App.Http, "/hello"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("hello from kestrel\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_over_tls_negotiates_h2_and_validates_with_the_callback()
    {
        using HttpClient client = Client(TrustingHandler());
        Assert.Equal("hello from kestrel\n", await client.GetStringAsync(new Uri(kestrel.App.Https, "/hello")));
    }

    [Fact]
    public async Task Tls_with_an_untrusted_certificate_fails_with_SecureConnectionError()
    {
        using HttpClient client = Client();
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new Uri(kestrel.App.Https, "/hello")));
        Assert.Equal(HttpRequestError.SecureConnectionError, e.HttpRequestError);
    }

    [Fact]
    public async Task Request_headers_arrive_lowercased_with_authority_and_without_connection_headers()
    {
        using HttpClient client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kestrel.App.Http, "/echo-headers")) { Version = HttpVersion.Version20 };
        request.Headers.Add("X-Custom", "value 1");
        request.Headers.Connection.Add("keep-alive");
        request.Headers.TryAddWithoutValidation("Cookie", ["a=1", "b=2"]);
        using HttpResponseMessage response = await client.SendAsync(request);
        string[] lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("x-custom: value 1", lines, StringComparer.OrdinalIgnoreCase);
        Assert.Contains($"Host: 127.0.0.1:{kestrel.App.Port}", lines, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Cookie: a=1; b=2", lines, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(lines, l => l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Download_of_16_MiB_streams_through_flow_control_byte_exact()
    {
        const int size = 16 * 1024 * 1024;
        using HttpClient client = Client();
        using HttpResponseMessage response = await client.GetAsync(new Uri(kestrel.App.Http, $"/download/{size}"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(size, response.Content.Headers.ContentLength);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        byte[] hash = await SHA256.HashDataAsync(body);
        Assert.Equal(SHA256.HashData(Loopback.Pattern(size)), hash);
    }

    [Fact]
    public async Task Upload_of_16_MiB_is_sent_as_the_windows_allow_byte_exact()
    {
        const int size = 16 * 1024 * 1024;
        byte[] payload = Loopback.Pattern(size);
        using HttpClient client = Client();
        using var content = new StreamContent(new MemoryStream(payload), 64 * 1024);
        using HttpResponseMessage response = await client.PostAsync(new Uri(kestrel.App.Http, "/upload"), content);
        Assert.Equal($"{size} {Convert.ToHexStringLower(SHA256.HashData(payload))}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_share_one_connection()
    {
        int connections = 0;
        var handler = new H2SharpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using HttpClient client = Client(handler);
        Task<string>[] calls = Enumerable.Range(0, 200)
            .Select(i => client.GetStringAsync(new Uri(kestrel.App.Http, $"/download/{i + 1}")))
            .ToArray();
        string[] bodies = await Task.WhenAll(calls);
        for (int i = 0; i < bodies.Length; i++)
        {
            Assert.Equal(i + 1, bodies[i].Length);
        }

        // Kestrel allows 100 streams at once: the rest waited for a stream on the same connection.
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task Response_trailers_land_in_TrailingHeaders_after_the_body()
    {
        using HttpClient client = Client();
        using HttpResponseMessage response = await client.GetAsync(new Uri(kestrel.App.Http, "/trailers"));
        Assert.Equal("body before trailers", await response.Content.ReadAsStringAsync());
        Assert.Equal("abc123", Assert.Single(response.TrailingHeaders.GetValues("x-checksum")));
        Assert.Equal("2", Assert.Single(response.TrailingHeaders.GetValues("x-count")));
    }

    [Fact]
    public async Task Rst_stream_in_the_body_throws_HttpIOException_naming_the_code()
    {
        using HttpClient client = Client();
        using HttpResponseMessage response = await client.GetAsync(new Uri(kestrel.App.Http, "/reset"), HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        HttpIOException e = await Assert.ThrowsAsync<HttpIOException>(async () => await body.CopyToAsync(Stream.Null));
        Assert.Equal(HttpRequestError.HttpProtocolError, e.HttpRequestError);
        Assert.Contains("INTERNAL_ERROR (0x2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rst_stream_before_headers_throws_HttpRequestException_naming_the_code()
    {
        using HttpClient client = Client();
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(kestrel.App.Http, "/reset-before-headers")));
        Assert.Equal(HttpRequestError.HttpProtocolError, e.HttpRequestError);
        Assert.Contains("ENHANCE_YOUR_CALM (0xb)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_resets_the_stream_and_the_connection_keeps_working()
    {
        using HttpClient client = Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(new Uri(kestrel.App.Http, "/slow/10000"), cts.Token));
        Assert.Equal("hello from kestrel\n", await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello")));
    }

    [Fact]
    public async Task Http11_exact_is_refused_with_VersionNegotiationError()
    {
        using HttpClient client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kestrel.App.Http, "/hello")) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Equal(HttpRequestError.VersionNegotiationError, e.HttpRequestError);
    }

    [Fact]
    public async Task Expect_100_continue_sends_the_body_after_the_interim_response()
    {
        using HttpClient client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(kestrel.App.Http, "/upload")) { Version = HttpVersion.Version20, Content = new ByteArrayContent([1, 2, 3]) };
        request.Headers.ExpectContinue = true;
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal($"3 {Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3 }))}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Decompression_is_left_to_the_caller_as_SocketsHttpHandler_does_by_default()
    {
        using HttpClient client = Client();
        using (HttpResponseMessage echoed = await client.GetAsync(new Uri(kestrel.App.Http, "/echo-headers")))
        {
            Assert.DoesNotContain("accept-encoding", (await echoed.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        }

        using HttpResponseMessage response = await client.GetAsync(new Uri(kestrel.App.Http, "/gzip"));
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal(KestrelApp.Gzipped("compressed hello"), await response.Content.ReadAsByteArrayAsync());
    }
}
