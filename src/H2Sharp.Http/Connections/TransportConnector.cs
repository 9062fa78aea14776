using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Http.Connections;

/// <summary>Opens the byte stream of a connection: TCP (or the ConnectCallback), then TLS with ALPN "h2" for https.</summary>
internal static class TransportConnector
{
    private static readonly List<SslApplicationProtocol> H2Only = [SslApplicationProtocol.Http2];

    public static async Task<Stream> ConnectAsync(PoolKey key, HandlerSettings settings, HttpRequestMessage request)
    {
        using var timeout = settings.ConnectTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(settings.ConnectTimeout);
        CancellationToken token = timeout?.Token ?? CancellationToken.None;
        Stream stream;
        try
        {
            if (settings.ConnectCallback is { } callback)
            {
                stream = await callback(new H2SharpConnectionContext(new DnsEndPoint(key.Host, key.Port), request), token).ConfigureAwait(false);
            }
            else
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new DnsEndPoint(key.Host, key.Port), token).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                stream = new NetworkStream(socket, ownsSocket: true);
            }
        }
        catch (OperationCanceledException e) when (token.IsCancellationRequested)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connecting to {key.Host}:{key.Port} took longer than ConnectTimeout ({settings.ConnectTimeout}).", e);
        }
        catch (SocketException e)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connecting to {key.Host}:{key.Port} failed: {e.Message}", e);
        }

        if (!key.Secure)
        {
            return stream;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(TlsOptions(settings.SslOptions, key.Host), token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            if (IsNoApplicationProtocol(e))
            {
                throw NoH2(key, e);
            }

            throw new HttpRequestException(HttpRequestError.SecureConnectionError, $"The TLS handshake with {key.Host}:{key.Port} failed: {Innermost(e).Message}", e);
        }

        if (ssl.NegotiatedApplicationProtocol != SslApplicationProtocol.Http2)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw NoH2(key, null);
        }

        return ssl;
    }

    /// <summary>RFC 9113 3.2: HTTP/2 over TLS is chosen by ALPN "h2"; without it the server does not speak HTTP/2 there.</summary>
    private static HttpRequestException NoH2(PoolKey key, Exception? inner) =>
        new(HttpRequestError.VersionNegotiationError,
            $"The server at {key.Host}:{key.Port} did not select ALPN \"h2\" in the TLS handshake, so it does not speak HTTP/2 there. Use SocketsHttpHandler for HTTP/1.1.", inner);

    /// <summary>
    /// RFC 7301 3.2: a server that shares no protocol with the client's ALPN list ends the handshake
    /// with the no_application_protocol alert. SslStream reports it only as text (OpenSSL's
    /// "tlsv1 alert no application protocol"), so it is recognised by that text.
    /// </summary>
    private static bool IsNoApplicationProtocol(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x.Message.Contains("no application protocol", StringComparison.OrdinalIgnoreCase) ||
                x.Message.Contains("no_application_protocol", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The most specific cause: "Authentication failed, see inner exception" says nothing by itself.</summary>
    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    /// <summary>A copy of the caller's options with the target host and ALPN filled in (the caller's object is not changed).</summary>
    private static SslClientAuthenticationOptions TlsOptions(SslClientAuthenticationOptions? given, string host)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ApplicationProtocols = H2Only,
        };
        if (given is null)
        {
            return options;
        }

        options.TargetHost = string.IsNullOrEmpty(given.TargetHost) ? host : given.TargetHost;
        options.AllowRenegotiation = given.AllowRenegotiation;
        options.CertificateRevocationCheckMode = given.CertificateRevocationCheckMode;
        options.CipherSuitesPolicy = given.CipherSuitesPolicy;
        options.ClientCertificates = given.ClientCertificates;
        options.ClientCertificateContext = given.ClientCertificateContext;
        options.CertificateChainPolicy = given.CertificateChainPolicy;
        options.EnabledSslProtocols = given.EnabledSslProtocols;
        options.EncryptionPolicy = given.EncryptionPolicy;
        options.LocalCertificateSelectionCallback = given.LocalCertificateSelectionCallback;
        options.RemoteCertificateValidationCallback = given.RemoteCertificateValidationCallback;
        return options;
    }
}
