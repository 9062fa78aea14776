using System.Net;
using System.Security.Cryptography.X509Certificates;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Kestrel;

/// <summary>
/// HttpRequestMessage.Version and VersionPolicy over http:// and https://, client certificates,
/// the server certificate callback, ALPN without "h2", and ConnectTimeout, against Kestrel.
/// </summary>
public sealed class KestrelVersionAndTlsTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private static HttpClient Client(H2SharpHandler? handler = null) => new(handler ?? TrustingHandler()) { Timeout = TimeSpan.FromSeconds(30) };

    private static H2SharpHandler TrustingHandler() => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == TestCertificate.Certificate.GetCertHashString() },
    };

    private Uri Cleartext(string path) => new(kestrel.App.Http, path);

    private Uri Tls(string path) => new(kestrel.App.Https, path);

    public static TheoryData<string, HttpVersionPolicy> SpokenAsHttp2 => new()
    {
        // Policies that HTTP/2 satisfies: the request goes out as HTTP/2 (prior knowledge or ALPN h2).
        { "1.1", HttpVersionPolicy.RequestVersionOrHigher },
        { "1.0", HttpVersionPolicy.RequestVersionOrHigher },
        { "2.0", HttpVersionPolicy.RequestVersionExact },
        { "2.0", HttpVersionPolicy.RequestVersionOrLower },
        { "2.0", HttpVersionPolicy.RequestVersionOrHigher },
        { "3.0", HttpVersionPolicy.RequestVersionOrLower },
    };

    public static TheoryData<string, HttpVersionPolicy> Refused => new()
    {
        // Policies HTTP/2 cannot satisfy: refused before any connection, with VersionNegotiationError.
        { "1.1", HttpVersionPolicy.RequestVersionExact },
        { "1.1", HttpVersionPolicy.RequestVersionOrLower },
        { "1.0", HttpVersionPolicy.RequestVersionOrLower },
        { "3.0", HttpVersionPolicy.RequestVersionExact },
        { "3.0", HttpVersionPolicy.RequestVersionOrHigher },
    };

    [Theory]
    [MemberData(nameof(SpokenAsHttp2))]
    public async Task A_policy_that_allows_2_0_is_served_over_HTTP2_on_http_and_https(string version, HttpVersionPolicy policy)
    {
        using HttpClient client = Client();
        foreach (Uri uri in new[] { Cleartext("/protocol"), Tls("/protocol") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = Version.Parse(version), VersionPolicy = policy };
            using HttpResponseMessage response = await client.SendAsync(request);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal("HTTP/2", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_policy_that_excludes_2_0_fails_with_VersionNegotiationError_on_http_and_https(string version, HttpVersionPolicy policy)
    {
        using HttpClient client = Client();
        foreach (Uri uri in new[] { Cleartext("/protocol"), Tls("/protocol") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = Version.Parse(version), VersionPolicy = policy };
            HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
            Assert.Equal(HttpRequestError.VersionNegotiationError, e.HttpRequestError);
            Assert.Contains("HTTP/2 only", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_TLS_server_without_h2_in_ALPN_fails_with_VersionNegotiationError()
    {
        using HttpClient client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://localhost:{kestrel.App.Http1TlsPort}/protocol")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Equal(HttpRequestError.VersionNegotiationError, e.HttpRequestError);
        Assert.Contains("ALPN \"h2\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_certificate_from_SslOptions_reaches_the_server()
    {
        H2SharpHandler handler = TrustingHandler();
        handler.SslOptions.ClientCertificates = new X509CertificateCollection { TestCertificate.Client };
        using HttpClient client = Client(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://localhost:{kestrel.App.ClientCertPort}/client-cert") { Version = HttpVersion.Version20 };
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal("CN=h2sharp-test-client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_server_that_requires_a_client_certificate_refuses_a_client_without_one()
    {
        using HttpClient client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://localhost:{kestrel.App.ClientCertPort}/client-cert") { Version = HttpVersion.Version20 };
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        // With TLS 1.3 the client's handshake completes before the server's certificate_required alert
        // lands: the handshake fails, or the connection dies at its first read (then the request is retried and gives up).
        Assert.Contains(e.HttpRequestError, new[] { HttpRequestError.SecureConnectionError, HttpRequestError.ResponseEnded, HttpRequestError.ConnectionError });
    }

    [Fact]
    public async Task The_validation_callback_sees_the_server_certificate_and_the_host()
    {
        string? seenSubject = null;
        string? seenHost = null;
        var handler = new H2SharpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (sender, cert, _, _) =>
                {
                    seenSubject = cert?.Subject;
                    seenHost = (sender as System.Net.Security.SslStream)?.TargetHostName;
                    return true;
                },
            },
        };
        using HttpClient client = Client(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, Tls("/protocol")) { Version = HttpVersion.Version20 };
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal("CN=localhost", seenSubject);
        Assert.Equal("localhost", seenHost);
    }

    [Fact]
    public async Task ConnectTimeout_fails_a_connection_that_does_not_open_in_time()
    {
        var handler = new H2SharpHandler
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(200),
            ConnectCallback = async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            },
        };
        using HttpClient client = Client(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, Cleartext("/protocol")) { Version = HttpVersion.Version20 };
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
        Assert.Contains("ConnectTimeout", e.Message, StringComparison.Ordinal);
    }
}
