using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>Binds the gateway's endpoints on Kestrel with the connection limits of <see cref="GatewayEndpointOptions"/>.</summary>
public static class KestrelEndpointExtensions
{
    public static void ListenKinesis(this KestrelServerOptions kestrel, GatewayEndpointOptions options)
    {
        kestrel.AddServerHeader = false;
        var limits = kestrel.Limits;
        limits.MaxRequestBodySize = options.MaxRequestBodySize;
        limits.MaxConcurrentConnections = options.MaxConcurrentConnections;
        limits.MaxConcurrentUpgradedConnections = options.MaxConcurrentConnections;
        limits.KeepAliveTimeout = options.KeepAliveTimeout;
        limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
        limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        kestrel.ListenKinesis(options.Address, options.Port, options.FirstBytesTimeout, Admission);
        if (options.HttpsPort is { } httpsPort)
        {
            kestrel.Listen(options.Address, httpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                // Without a certificate of its own, Kestrel serves the ASP.NET Core development certificate (dotnet dev-certs https).
                listen.UseHttps(https =>
                {
                    https.HandshakeTimeout = options.FirstBytesTimeout;
                    if (options.Certificate is not null)
                    {
                        https.ServerCertificate = options.Certificate;
                    }
                });
                Admission(listen);
            });
        }

        void Admission(IConnectionBuilder connections)
            => connections.UseConnectionAdmission(options.MaxRequestsPerConnection, options.MaxQueuedRequestsPerConnection);
    }
}
