using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AspNetCoreServer;

/// <summary>The certificate the TLS listener presents.</summary>
internal static class Certificates
{
    /// <summary>The certificate from <c>--cert/--key</c>, or a self-signed one.</summary>
    public static X509Certificate2 Load(SampleOptions options)
    {
        if (options.CertificatePath is not null && options.KeyPath is not null)
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
            // Through PKCS#12 so that every platform's TLS stack can use the key.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        return CreateSelfSigned();
    }

    /// <summary>A self-signed certificate for 127.0.0.1 and localhost, valid for a month (clients must be told to accept it).</summary>
    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
