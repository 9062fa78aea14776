using System;
using System.Security.Cryptography.X509Certificates;

namespace H2Sharp.Server;

/// <summary>Loads server certificates from files and stores for <see cref="H2ListenOptions"/>.</summary>
internal static class CertificateLoading
{
    public static X509Certificate2 FromPkcs12File(string fileName, string? password) =>
#if NET9_0_OR_GREATER
        X509CertificateLoader.LoadPkcs12FromFile(fileName, password);
#else
        new(fileName, password);
#endif

    public static X509Certificate2 FromPemFiles(string certificatePemPath, string keyPemPath)
    {
        using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificatePemPath, keyPemPath);
        // A round trip through PKCS#12 gives a key every platform's TLS stack can use (an
        // ephemeral PEM key works on Linux but not with SChannel).
        byte[] pfx = pem.Export(X509ContentType.Pkcs12);
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12(pfx, null);
#else
        return new X509Certificate2(pfx);
#endif
    }

    public static X509Certificate2 FromStore(StoreName storeName, string subject, bool allowInvalid, StoreLocation location)
    {
        using var store = new X509Store(storeName, location);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        X509Certificate2Collection found = store.Certificates.Find(X509FindType.FindBySubjectName, subject, !allowInvalid);
        foreach (X509Certificate2 certificate in found)
        {
            if (certificate.HasPrivateKey)
            {
                return certificate;
            }
        }
        throw new InvalidOperationException(
            $"No certificate with a private key whose subject contains '{subject}' in {location}/{storeName}" +
            (allowInvalid ? "." : " that is valid now (pass allowInvalid: true for self-signed ones)."));
    }
}
