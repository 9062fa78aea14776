using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using H2Sharp.Server;
using Microsoft.AspNetCore.Connections.Features;

namespace H2Sharp.AspNetCore;

/// <content>The connection, TLS, identifier, lifetime, reset and extended CONNECT features.</content>
internal sealed partial class StreamFeatures<TContext>
{
    private CancellationToken? _abortedOverride;
    private string? _traceIdentifier;
    private X509Certificate2? _clientCertificate;

    /// <inheritdoc />
    public string ConnectionId { get; set; } = string.Empty;

    /// <inheritdoc />
    public IPAddress? RemoteIpAddress { get; set; }

    /// <inheritdoc />
    public IPAddress? LocalIpAddress { get; set; }

    /// <inheritdoc />
    public int RemotePort { get; set; }

    /// <inheritdoc />
    public int LocalPort { get; set; }

    /// <inheritdoc />
    public string TraceIdentifier
    {
        get => _traceIdentifier ??= Context.TraceIdentifier;
        set => _traceIdentifier = value;
    }

    /// <inheritdoc />
    public CancellationToken RequestAborted
    {
        get => _abortedOverride ?? Context.RequestAborted;
        set => _abortedOverride = value;
    }

    /// <inheritdoc />
    /// <remarks>As on Kestrel, the stream is reset with INTERNAL_ERROR.</remarks>
    public void Abort() => Context.Abort(ErrorCode.InternalError);

    /// <inheritdoc />
    public void Reset(int errorCode)
    {
        // RFC 9113 section 7: error codes are 32-bit; ASP.NET Core passes them as int.
        ArgumentOutOfRangeException.ThrowIfNegative(errorCode);
        Context.Abort((ErrorCode)errorCode);
    }

    /// <inheritdoc />
    public X509Certificate2? ClientCertificate
    {
        get => _clientCertificate ?? _context?.Connection.ClientCertificate;
        set => _clientCertificate = value;
    }

    /// <inheritdoc />
    /// <remarks>The certificate is asked for during the handshake (H2HttpsOptions.ClientCertificateMode); HTTP/2 forbids renegotiation.</remarks>
    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ClientCertificate);

    /// <inheritdoc />
    SslProtocols ITlsHandshakeFeature.Protocol => _context?.Connection.TlsProtocol ?? SslProtocols.None;

    /// <inheritdoc />
    TlsCipherSuite? ITlsHandshakeFeature.NegotiatedCipherSuite => _context?.Connection.NegotiatedCipherSuite;

    /// <inheritdoc />
    string ITlsHandshakeFeature.HostName => _context?.Connection.HostName ?? string.Empty;

#pragma warning disable SYSLIB0058 // The algorithm members are obsolete (NegotiatedCipherSuite replaces them) but still part of the interface.
    // The server reports the negotiated cipher suite only; the per-algorithm members say "unknown" as allowed.

    /// <inheritdoc />
    CipherAlgorithmType ITlsHandshakeFeature.CipherAlgorithm => CipherAlgorithmType.None;

    /// <inheritdoc />
    int ITlsHandshakeFeature.CipherStrength => 0;

    /// <inheritdoc />
    HashAlgorithmType ITlsHandshakeFeature.HashAlgorithm => HashAlgorithmType.None;

    /// <inheritdoc />
    int ITlsHandshakeFeature.HashStrength => 0;

    /// <inheritdoc />
    ExchangeAlgorithmType ITlsHandshakeFeature.KeyExchangeAlgorithm => ExchangeAlgorithmType.None;

    /// <inheritdoc />
    int ITlsHandshakeFeature.KeyExchangeStrength => 0;
#pragma warning restore SYSLIB0058

    /// <inheritdoc />
    public async ValueTask<Stream> AcceptAsync()
    {
        H2ServerRequestContext context = Context;
        if (!context.IsExtendedConnect)
        {
            throw new InvalidOperationException("AcceptAsync is only for extended CONNECT requests (IsExtendedConnect is false).");
        }
        if (context.HasStarted)
        {
            throw new InvalidOperationException("The response has already started, so the CONNECT request cannot be accepted any more.");
        }
        // RFC 8441 section 5: the server accepts the tunnel with a 2xx response to the CONNECT.
        context.StatusCode = 200;
        await StartAsync().ConfigureAwait(false);
        return new ExtendedConnectStream(context.RequestBody, BodyStream);
    }

    private void InitializeConnection(H2ServerRequestContext context)
    {
        H2ConnectionInfo connection = context.Connection;
        ConnectionId = connection.ConnectionId;
        RemoteIpAddress = connection.RemoteEndPoint?.Address;
        RemotePort = connection.RemoteEndPoint?.Port ?? 0;
        LocalIpAddress = connection.LocalEndPoint?.Address;
        LocalPort = connection.LocalEndPoint?.Port ?? 0;
        _traceIdentifier = null;
        _abortedOverride = null;
        _clientCertificate = null;
    }
}
