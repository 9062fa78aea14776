using System.Net;
using System.Net.Http;

namespace H2Sharp.Http;

/// <summary>
/// What <see cref="H2SharpHandler.ConnectCallback"/> is told about the connection to open:
/// the counterpart of SocketsHttpHandler's <c>SocketsHttpConnectionContext</c>, which has no public constructor.
/// </summary>
public sealed class H2SharpConnectionContext
{
    internal H2SharpConnectionContext(DnsEndPoint dnsEndPoint, HttpRequestMessage initialRequestMessage)
    {
        DnsEndPoint = dnsEndPoint;
        InitialRequestMessage = initialRequestMessage;
    }

    /// <summary>The host and port to connect to.</summary>
    public DnsEndPoint DnsEndPoint { get; }

    /// <summary>The request that made the handler open this connection.</summary>
    public HttpRequestMessage InitialRequestMessage { get; }
}
