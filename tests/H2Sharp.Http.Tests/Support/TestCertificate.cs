using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace H2Sharp.Http.Tests.Support;

/// <summary>A self-signed certificate for 127.0.0.1/localhost, made once per test run.</summary>
internal static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Lazy = new(Create);

    private static readonly Lazy<X509Certificate2> LazyClient = new(CreateClient);

    public static X509Certificate2 Certificate => Lazy.Value;

    /// <summary>A self-signed client certificate (CN=h2sharp-test-client, EKU clientAuth) with its private key.</summary>
    public static X509Certificate2 Client => LazyClient.Value;

    /// <summary>Writes key.pem and cert.pem into the directory (for nghttpd).</summary>
    public static (string Key, string Cert) WritePem(string directory)
    {
        X509Certificate2 cert = Certificate;
        string keyPath = Path.Combine(directory, "key.pem");
        string certPath = Path.Combine(directory, "cert.pem");
        using RSA rsa = cert.GetRSAPrivateKey()!;
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        return (keyPath, certPath);
    }

    private static X509Certificate2 Create()
    {
        using RSA rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    private static X509Certificate2 CreateClient()
    {
        using RSA rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=h2sharp-test-client", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
