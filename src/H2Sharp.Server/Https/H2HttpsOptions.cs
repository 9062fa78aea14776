using System;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace H2Sharp.Server;

/// <summary>
/// The TLS settings of a listener (Kestrel's <c>HttpsConnectionAdapterOptions</c>). HTTP/2 is
/// negotiated with ALPN "h2" (RFC 9113 section 3.2); a client that does not offer it fails the handshake.
/// </summary>
public sealed class H2HttpsOptions
{
    /// <summary>The certificate presented to every client, unless <see cref="ServerCertificateSelector"/> picks one.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>
    /// Picks the certificate per connection from the SNI host name the client sent (null when it
    /// sent none); returning null falls back to <see cref="ServerCertificate"/>. The connection
    /// info carries the endpoints only: TLS is not yet negotiated.
    /// </summary>
    public Func<H2ConnectionInfo, string?, X509Certificate2?>? ServerCertificateSelector { get; set; }

    /// <summary>
    /// The TLS versions allowed. Default <see cref="SslProtocols.None"/>: the operating system's
    /// choice, which on current systems is TLS 1.2 and 1.3. RFC 9113 section 9.2: "Implementations
    /// of HTTP/2 MUST use TLS version 1.2 or higher".
    /// </summary>
    public SslProtocols SslProtocols { get; set; } = SslProtocols.None;

    /// <summary>Whether the client is asked for a certificate. Default <see cref="H2ClientCertificateMode.NoCertificate"/>.</summary>
    public H2ClientCertificateMode ClientCertificateMode { get; set; }

    /// <summary>
    /// Decides on a client certificate (with the chain and the errors the platform found); null
    /// accepts only certificates without errors.
    /// </summary>
    public Func<X509Certificate2, X509Chain?, SslPolicyErrors, bool>? ClientCertificateValidation { get; set; }

    /// <summary>Whether a client certificate's revocation status is checked. Default true.</summary>
    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>
    /// How long the TLS handshake may take. Default 10 seconds (Kestrel's): a client that opens a
    /// socket and never finishes its handshake holds a connection slot and memory; 10 seconds is
    /// far more than a handshake over any real network needs.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Called before each handshake with the options about to be used, to set anything else
    /// <see cref="SslServerAuthenticationOptions"/> offers (cipher suites policy, a certificate
    /// context). ApplicationProtocols must keep "h2".
    /// </summary>
    public Action<H2ConnectionInfo, SslServerAuthenticationOptions>? OnAuthenticate { get; set; }
}
