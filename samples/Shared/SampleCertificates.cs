using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace H2Sharp.Samples;

/// <summary>
/// The certificate a TLS sample server presents: the PEM files given with <c>--cert</c> and
/// <c>--key</c>, or a self-signed one made at start-up. One helper for every sample that serves TLS.
/// </summary>
internal static class SampleCertificates
{
    /// <summary>
    /// Loads <paramref name="certificatePemPath"/> with its <paramref name="keyPemPath"/>, or makes
    /// a self-signed certificate when both are null.
    /// </summary>
    /// <exception cref="ArgumentException">Only one of the two paths was given.</exception>
    public static X509Certificate2 Load(string? certificatePemPath, string? keyPemPath)
    {
        if ((certificatePemPath is null) != (keyPemPath is null))
        {
            throw new ArgumentException("--cert and --key go together: give both PEM files, or neither for a self-signed certificate.");
        }
        if (certificatePemPath is null || keyPemPath is null)
        {
            return CreateSelfSigned();
        }
        using var pem = X509Certificate2.CreateFromPemFile(certificatePemPath, keyPemPath);
        return WithUsableKey(pem);
    }

    /// <summary>
    /// A self-signed certificate for 127.0.0.1 and localhost, valid for a month. Clients must be
    /// told to accept it (curl -k, a validation callback in HttpClient, a click in a browser).
    /// </summary>
    public static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false)); // TLS server authentication

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return WithUsableKey(created);
    }

    // A round trip through PKCS#12 gives a certificate whose private key every platform's TLS
    // stack can use (an ephemeral key, as from PEM or CreateSelfSigned, works on Linux but not on Windows).
    private static X509Certificate2 WithUsableKey(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
