using System.Net;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>.NET's HttpClient set up to speak HTTP/2 only, as the samples' real-client tests need.</summary>
internal static class SampleHttpClients
{
    /// <summary>Cleartext HTTP/2 with prior knowledge: no upgrade, no fallback to HTTP/1.1.</summary>
    public static HttpClient PriorKnowledge() => Create(new SocketsHttpHandler());

    /// <summary>HTTP/2 over TLS (ALPN h2), accepting the samples' self-signed certificate.</summary>
    public static HttpClient Tls()
    {
        var handler = new SocketsHttpHandler();
#pragma warning disable CA5359 // the sample server makes a self-signed certificate at start-up
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        return Create(handler);
    }

    private static HttpClient Create(SocketsHttpHandler handler)
    {
        handler.UseProxy = false;
        handler.AutomaticDecompression = DecompressionMethods.None;
        return new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }
}
