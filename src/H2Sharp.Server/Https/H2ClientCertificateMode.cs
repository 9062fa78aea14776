namespace H2Sharp.Server;

/// <summary>Whether a TLS listener asks the client for a certificate (Kestrel's <c>ClientCertificateMode</c>).</summary>
public enum H2ClientCertificateMode
{
    /// <summary>No client certificate is asked for. The default.</summary>
    NoCertificate = 0,

    /// <summary>A certificate is asked for but optional; one that is sent is validated.</summary>
    AllowCertificate = 1,

    /// <summary>A certificate is required; the handshake fails without a valid one.</summary>
    RequireCertificate = 2,
}
