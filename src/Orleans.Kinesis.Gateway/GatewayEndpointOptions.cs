using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Orleans.Kinesis.Gateway;

/// <summary>Where the gateway listens and the limits that keep connections bounded (README, "Security").</summary>
public sealed class GatewayEndpointOptions
{
    /// <summary>The address of the cleartext (HTTP/1.1 + h2c) and TLS endpoints.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>The cleartext port; 0 picks a free one.</summary>
    public int Port { get; set; } = 4567;

    /// <summary>The TLS port (HTTP/1.1 and HTTP/2 by ALPN), or null for none; 0 picks a free one.</summary>
    public int? HttpsPort { get; set; }

    /// <summary>The TLS certificate (with its private key); null uses the ASP.NET Core development certificate.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>How long a new connection may take to send its first bytes (the h2c preface check, the TLS handshake).</summary>
    public TimeSpan FirstBytesTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection may stay open between requests (HTTP/1.1 keep-alive, HTTP/2 with no stream).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a client may take to send the request headers once it started.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most connections open at once (an h2c connection counts on both of its endpoints); null for no limit.</summary>
    public long? MaxConcurrentConnections { get; set; } = 4096;

    /// <summary>Most concurrent HTTP/2 streams (calls, including SubscribeToShard) per connection.</summary>
    public int MaxStreamsPerConnection { get; set; } = 1000;

    /// <summary>
    /// Most requests of one connection in progress at once (HTTP/2 multiplexes many on one connection; SubscribeToShard
    /// counts only until its event stream starts).
    /// </summary>
    public int MaxRequestsPerConnection { get; set; } = 100;

    /// <summary>Requests of one connection that wait for a slot; beyond them a request gets the operation's throttling error.</summary>
    public int MaxQueuedRequestsPerConnection { get; set; } = 100;

    /// <summary>Largest request body of any operation (a 5 MiB PutRecords is about 7 MiB of JSON).</summary>
    public long MaxRequestBodySize { get; set; } = 32L * 1024 * 1024;
}
