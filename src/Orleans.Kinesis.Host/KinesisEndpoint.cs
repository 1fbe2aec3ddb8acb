using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Kinesis.Gateway;

namespace Orleans.Kinesis.Host;

/// <summary>Turns the listening options into the gateway's endpoint options (loading the TLS certificate).</summary>
internal static class KinesisEndpoint
{
    public static GatewayEndpointOptions From(KinesisHostOptions options, long maxRequestBodySize) => new()
    {
        Address = options.ListenEndPoint.Address,
        Port = options.ListenEndPoint.Port,
        HttpsPort = options.HttpsPort,
        Certificate = options.CertificatePath is null ? null : LoadCertificate(options.CertificatePath, options.CertificatePassword),
        FirstBytesTimeout = TimeSpan.FromMilliseconds(options.FirstBytesTimeoutMs),
        KeepAliveTimeout = TimeSpan.FromMilliseconds(options.KeepAliveTimeoutMs),
        MaxConcurrentConnections = options.MaxConnections,
        MaxStreamsPerConnection = options.MaxStreamsPerConnection,
        MaxRequestsPerConnection = options.MaxRequestsPerConnection,
        MaxQueuedRequestsPerConnection = options.MaxQueuedRequestsPerConnection,
        MaxRequestBodySize = maxRequestBodySize,
    };

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new ArgumentException($"The certificate '{path}' has no private key; export it as PKCS#12 with its key.");
        }
        catch (Exception error) when (error is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Cannot load the TLS certificate '{path}': {error.Message}");
        }
    }
}
