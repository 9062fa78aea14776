using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace H2Sharp.Server.Tests.Support;

/// <summary>An H2Server on 127.0.0.1 with a free port, started with a handler; disposed at the end of a test.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(H2Server server) => Server = server;

    public H2Server Server { get; }

    public int Port => Server.BoundEndPoints[0].Port;

    public string Http => $"http://127.0.0.1:{Port}";

    public string Https => $"https://127.0.0.1:{Port}";

    public static async Task<TestServer> StartAsync(Func<H2ServerRequestContext, ValueTask> handler, Action<H2ServerOptions>? configure = null, bool tls = false, Action<H2HttpsOptions>? https = null)
    {
        var options = new H2ServerOptions { ShutdownTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls)
            {
                listen.UseHttps(o =>
                {
                    o.ServerCertificate = SelfSigned.Value;
                    https?.Invoke(o);
                });
            }
        });
        var server = new H2Server(options, handler);
        await server.StartAsync();
        return new TestServer(server);
    }

    public static HttpClient PriorKnowledgeClient() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static HttpClient TlsClient() => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private static readonly Lazy<X509Certificate2> SelfSigned = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    });
}
