using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Server;

/// <summary>The TLS handshake of a listener: ALPN "h2" only, the configured certificate, a time limit.</summary>
internal static class TlsHandshake
{
    private static readonly List<SslApplicationProtocol> H2Only = [SslApplicationProtocol.Http2];

    /// <summary>The authenticated stream, or null when the handshake failed or did not agree on h2 (the connection is then closed).</summary>
    public static async Task<SslStream?> AuthenticateAsync(Stream transport, H2HttpsOptions https, H2ConnectionInfo info, ServerServices services, CancellationToken stopping)
    {
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ApplicationProtocols = H2Only,
            EnabledSslProtocols = https.SslProtocols,
            ClientCertificateRequired = https.ClientCertificateMode != H2ClientCertificateMode.NoCertificate,
            CertificateRevocationCheckMode = https.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
        };
        if (https.ServerCertificateSelector is { } selector)
        {
            X509Certificate2? fallback = https.ServerCertificate;
            options.ServerCertificateSelectionCallback = (_, hostName) =>
                selector(info, hostName) ?? fallback ?? throw new AuthenticationException("No certificate for host " + hostName + ".");
        }
        else
        {
            options.ServerCertificate = https.ServerCertificate;
        }
        if (options.ClientCertificateRequired)
        {
            options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (certificate is null)
                {
                    return https.ClientCertificateMode != H2ClientCertificateMode.RequireCertificate;
                }
                var cert2 = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
                return https.ClientCertificateValidation?.Invoke(cert2, chain, errors) ?? errors == SslPolicyErrors.None;
            };
        }
        https.OnAuthenticate?.Invoke(info, options);
        long started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(https.HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            services.Metrics.TlsHandshake(started, succeeded: false);
            services.Log.HandshakeFailed(info.ConnectionId, e);
            await ssl.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        services.Metrics.TlsHandshake(started, succeeded: true);
        // RFC 9113 section 3.2: HTTP/2 over TLS is the "h2" protocol identifier; without it, no HTTP/2.
        if (ssl.NegotiatedApplicationProtocol != SslApplicationProtocol.Http2)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        info.IsTls = true;
        info.TlsProtocol = ssl.SslProtocol;
        info.NegotiatedCipherSuite = ssl.NegotiatedCipherSuite;
        info.NegotiatedApplicationProtocol = ssl.NegotiatedApplicationProtocol;
        info.HostName = ssl.TargetHostName.Length > 0 ? ssl.TargetHostName : null;
        info.ClientCertificate = ssl.RemoteCertificate as X509Certificate2;
        return ssl;
    }
}
