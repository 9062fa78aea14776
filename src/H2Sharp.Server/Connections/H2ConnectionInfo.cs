using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace H2Sharp.Server;

/// <summary>
/// What is known about one connection: its id, endpoints and TLS (what ASP.NET Core's
/// IHttpConnectionFeature, ITlsConnectionFeature and ITlsHandshakeFeature report). Shared by
/// every request of the connection.
/// </summary>
public sealed class H2ConnectionInfo
{
    internal H2ConnectionInfo(string connectionId, IPEndPoint? localEndPoint, IPEndPoint? remoteEndPoint)
    {
        ConnectionId = connectionId;
        LocalEndPoint = localEndPoint;
        RemoteEndPoint = remoteEndPoint;
    }

    /// <summary>The connection's id, unique in this process (Kestrel-style, e.g. <c>0HN7K2N5J9Q1A</c>); it appears in the log.</summary>
    public string ConnectionId { get; }

    /// <summary>The server's address and port.</summary>
    public IPEndPoint? LocalEndPoint { get; }

    /// <summary>The client's address and port.</summary>
    public IPEndPoint? RemoteEndPoint { get; }

    /// <summary>Whether the connection is TLS.</summary>
    public bool IsTls { get; internal set; }

    /// <summary>Whether the connection began as HTTP/1.1 and was upgraded (<c>Upgrade: h2c</c>).</summary>
    public bool IsUpgraded { get; internal set; }

    /// <summary>The TLS version negotiated, or <see cref="SslProtocols.None"/> for cleartext.</summary>
    public SslProtocols TlsProtocol { get; internal set; }

    /// <summary>The cipher suite negotiated, or null for cleartext.</summary>
    public TlsCipherSuite? NegotiatedCipherSuite { get; internal set; }

    /// <summary>The ALPN protocol negotiated ("h2" over TLS), or default for cleartext.</summary>
    public SslApplicationProtocol NegotiatedApplicationProtocol { get; internal set; }

    /// <summary>The host name the client asked for with SNI, or null.</summary>
    public string? HostName { get; internal set; }

    /// <summary>The client's certificate, if it sent one (see <see cref="H2HttpsOptions.ClientCertificateMode"/>).</summary>
    public X509Certificate2? ClientCertificate { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => ConnectionId;
}
