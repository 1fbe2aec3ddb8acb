using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>A throwaway certificate authority and a server certificate it issued for 127.0.0.1 / localhost, as files.</summary>
public sealed class TestCertificates
{
    public const string Password = "test-pfx-password";

    private TestCertificates(string caPemPath, string serverPfxPath)
    {
        CaPemPath = caPemPath;
        ServerPfxPath = serverPfxPath;
    }

    /// <summary>The CA certificate in PEM, for the clients' trust (NODE_EXTRA_CA_CERTS, aws --ca-bundle).</summary>
    public string CaPemPath { get; }

    /// <summary>The server certificate with its key, PKCS#12 protected by <see cref="Password"/>.</summary>
    public string ServerPfxPath { get; }

    public static TestCertificates Create(string folder)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Orleans.Kinesis test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var issued = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var server = issued.CopyWithPrivateKey(serverKey);

        var caPem = Path.Combine(folder, "ca.pem");
        var pfx = Path.Combine(folder, "server.pfx");
        File.WriteAllText(caPem, ca.ExportCertificatePem());
        File.WriteAllBytes(pfx, server.Export(X509ContentType.Pkcs12, Password));
        return new TestCertificates(caPem, pfx);
    }
}
