using System.Net;
using System.Security.Cryptography;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Nghttpd;

/// <summary>H2SharpHandler against nghttpd (nghttp2's server), cleartext and TLS, serving files from a temp directory.</summary>
public sealed class NghttpdTests : IDisposable
{
    private const int LargeSize = 16 * 1024 * 1024;
    private readonly string _root = Directory.CreateTempSubdirectory("h2sharp-http-nghttpd-").FullName;

    public NghttpdTests()
    {
        File.WriteAllText(Path.Combine(_root, "index.html"), "hello from nghttpd\n");
        File.WriteAllBytes(Path.Combine(_root, "large.bin"), Loopback.Pattern(LargeSize));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static HttpClient Client(H2SharpHandler handler) => new(handler)
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Cleartext_get_and_16_MiB_download()
    {
        using PeerProcess nghttpd = await PeerProcess.StartAsync("nghttpd", "nghttp2-server", "--no-tls", "-d", _root, "{port}");
        using HttpClient client = Client(new H2SharpHandler());
        Assert.Equal("hello from nghttpd\n", await client.GetStringAsync($"http://127.0.0.1:{nghttpd.Port}/index.html"));
        using HttpResponseMessage response = await client.GetAsync($"http://127.0.0.1:{nghttpd.Port}/large.bin", HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        Assert.Equal(SHA256.HashData(Loopback.Pattern(LargeSize)), await SHA256.HashDataAsync(body));
    }

    [Fact]
    public async Task Tls_get_with_alpn_h2()
    {
        (string key, string cert) = TestCertificate.WritePem(_root);
        using PeerProcess nghttpd = await PeerProcess.StartAsync("nghttpd", "nghttp2-server", "-d", _root, "{port}", key, cert);
        var handler = new H2SharpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == TestCertificate.Certificate.GetCertHashString() },
        };
        using HttpClient client = Client(handler);
        Assert.Equal("hello from nghttpd\n", await client.GetStringAsync($"https://localhost:{nghttpd.Port}/index.html"));
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_over_one_connection()
    {
        using PeerProcess nghttpd = await PeerProcess.StartAsync("nghttpd", "nghttp2-server", "--no-tls", "-d", _root, "{port}");
        using HttpClient client = Client(new H2SharpHandler());
        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetStringAsync($"http://127.0.0.1:{nghttpd.Port}/index.html")));
        Assert.All(bodies, b => Assert.Equal("hello from nghttpd\n", b));
    }
}
