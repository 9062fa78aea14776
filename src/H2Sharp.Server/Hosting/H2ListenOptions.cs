using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace H2Sharp.Server;

/// <summary>
/// One endpoint the server listens on and how (Kestrel's <c>ListenOptions</c>): cleartext
/// (prior knowledge and/or h2c Upgrade, <see cref="Protocols"/>) or TLS (<see cref="UseHttps(X509Certificate2)"/>).
/// </summary>
public sealed class H2ListenOptions
{
    private readonly H2ServerOptions _server;

    internal H2ListenOptions(H2ServerOptions server, IPEndPoint endPoint)
    {
        _server = server;
        EndPoint = endPoint;
    }

    /// <summary>The endpoint as configured (port 0: any free port; see <see cref="H2Server.BoundEndPoints"/>).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>How a cleartext client may start HTTP/2. Default <see cref="H2ListenProtocols.PriorKnowledgeAndUpgrade"/>. Ignored with TLS.</summary>
    public H2ListenProtocols Protocols { get; set; } = H2ListenProtocols.PriorKnowledgeAndUpgrade;

    /// <summary>The TLS settings, or null for cleartext.</summary>
    public H2HttpsOptions? HttpsOptions { get; private set; }

    /// <summary>True for a listener that may fail to bind without failing the start (the [::1] of ListenLocalhost).</summary>
    internal bool OptionalBind { get; set; }

    /// <summary>Whether the listener speaks TLS.</summary>
    public bool IsTls => HttpsOptions is not null;

    /// <summary>Serves TLS with the defaults of <see cref="H2ServerOptions.ConfigureHttpsDefaults"/> (which must give a certificate).</summary>
    /// <returns>This, for chaining.</returns>
    public H2ListenOptions UseHttps() => UseHttps(static _ => { });

    /// <summary>Serves TLS presenting <paramref name="certificate"/> (it must have its private key).</summary>
    /// <param name="certificate">The server certificate.</param>
    /// <returns>This, for chaining.</returns>
    public H2ListenOptions UseHttps(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The certificate has no private key; load it from a PFX/PKCS#12 file or with its PEM key.", nameof(certificate));
        }
        return UseHttps(o => o.ServerCertificate = certificate);
    }

    /// <summary>Serves TLS presenting the certificate in a PKCS#12 (.pfx) file.</summary>
    /// <param name="fileName">The file, with the private key.</param>
    /// <param name="password">Its password, or null.</param>
    /// <returns>This, for chaining.</returns>
    public H2ListenOptions UseHttps(string fileName, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        return UseHttps(CertificateLoading.FromPkcs12File(fileName, password));
    }

    /// <summary>Serves TLS presenting a certificate and key from PEM files.</summary>
    /// <param name="certificatePemPath">The certificate (PEM).</param>
    /// <param name="keyPemPath">Its private key (PEM, unencrypted).</param>
    /// <returns>This, for chaining.</returns>
    public H2ListenOptions UseHttpsFromPem(string certificatePemPath, string keyPemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePemPath);
        ArgumentException.ThrowIfNullOrEmpty(keyPemPath);
        return UseHttps(CertificateLoading.FromPemFiles(certificatePemPath, keyPemPath));
    }

    /// <summary>Serves TLS presenting the first valid certificate in a certificate store whose subject contains <paramref name="subject"/>.</summary>
    /// <param name="storeName">The store.</param>
    /// <param name="subject">A part of the subject name to look for.</param>
    /// <param name="allowInvalid">Whether certificates that are not valid now (or self-signed) qualify.</param>
    /// <param name="location">The store location.</param>
    /// <returns>This, for chaining.</returns>
    public H2ListenOptions UseHttps(StoreName storeName, string subject, bool allowInvalid = false, StoreLocation location = StoreLocation.CurrentUser)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return UseHttps(CertificateLoading.FromStore(storeName, subject, allowInvalid, location));
    }

    /// <summary>Serves TLS; <paramref name="configure"/> sets the options, starting from the server's defaults.</summary>
    /// <param name="configure">Sets the certificate (or selector) and the rest.</param>
    /// <returns>This, for chaining.</returns>
    public H2ListenOptions UseHttps(Action<H2HttpsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var https = new H2HttpsOptions();
        _server.HttpsDefaults?.Invoke(https);
        configure(https);
        if (https.ServerCertificate is null && https.ServerCertificateSelector is null)
        {
            throw new InvalidOperationException(
                "UseHttps needs a certificate: set ServerCertificate or ServerCertificateSelector, here or in ConfigureHttpsDefaults.");
        }
        HttpsOptions = https;
        return this;
    }
}
