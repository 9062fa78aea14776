using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>
/// samples/AsyncServer with its defaults (the wwwroot next to the program and a fresh
/// self-signed certificate), and with a certificate of ours given as PEM files (--cert/--key).
/// </summary>
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

    [Fact]
    public async Task Presents_the_certificate_given_as_pem_files()
    {
        string dir = Directory.CreateTempSubdirectory("h2sharp-pem-").FullName;
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=h2sharp-pem-test", key, HashAlgorithmName.SHA256);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using X509Certificate2 ours = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
            string certFile = Path.Combine(dir, "cert.pem");
            string keyFile = Path.Combine(dir, "key.pem");
            File.WriteAllText(certFile, ours.ExportCertificatePem());
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
            int port = Loopback.FreePort();
            using PeerProcess server = SampleProgram.StartServer("AsyncServer", $"--port {port} --cert \"{certFile}\" --key \"{keyFile}\"", port);

            string? presented = null;
            using var handler = new SocketsHttpHandler { UseProxy = false };
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.GetCertHashString();
                return presented == ours.GetCertHashString(); // ours, and only ours
            };
            using var client = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = TimeSpan.FromSeconds(60) };

            using HttpResponseMessage response = await client.GetAsync(new Uri($"https://127.0.0.1:{port}/hello.txt"));

            Assert.Equal(ours.GetCertHashString(), presented);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal("Hello, HTTP/2!\n", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
