using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Net;
using Orleans.Kinesis.Host.Configuration;

namespace Orleans.Kinesis.Host;

/// <summary>
/// The server's settings. Each property binds from .NET configuration, key <c>OrleansKinesis:&lt;Property&gt;</c>:
/// appsettings.json, appsettings.{Environment}.json, environment variables (<c>OrleansKinesis__&lt;Property&gt;</c>)
/// and the command line, later sources winning.
/// </summary>
/// <remarks>
/// To add an option: add a property here (with a validation attribute such as <c>[Range]</c> if it has limits; the
/// start-up error then names its key), and, if it deserves a command-line flag, one line in
/// <see cref="KinesisCommandLine.Switches"/>. Appsettings, environment, validation, <c>--show-config</c> and the README
/// table's key need nothing else.
/// </remarks>
public sealed class KinesisHostOptions
{
    /// <summary>The configuration section: <c>OrleansKinesis</c> (environment variables <c>OrleansKinesis__…</c>).</summary>
    public const string Section = "OrleansKinesis";

    private string _storage = "files";

    static KinesisHostOptions() => TypeDescriptor.AddAttributes(typeof(IPAddress), new TypeConverterAttribute(typeof(IPAddressConverter)));

    /// <summary>Address to listen on, when <see cref="Urls"/> is unset.</summary>
    public IPAddress Host { get; set; } = IPAddress.Loopback;

    /// <summary>Port to listen on (0: a free one), when <see cref="Urls"/> is unset.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 4567;

    /// <summary>
    /// The one <c>http://host:port</c> URL to listen on, instead of <see cref="Host"/> and <see cref="Port"/>. When neither
    /// of those is configured it defaults from ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS (all interfaces).
    /// </summary>
    public string? Urls { get; set; }

    [Required(ErrorMessage = "needs a value")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Alias of <c>Storage == "memory"</c>, kept for <c>--in-memory</c>.</summary>
    public bool InMemory
    {
        get => Storage == "memory";
        set => Storage = value ? "memory" : "files";
    }

    /// <summary>The storage provider: <c>files</c>, <c>blob</c> or <c>memory</c>.</summary>
    [AllowedValues("files", "blob", "memory", ErrorMessage = "needs files, blob or memory")]
    public string Storage
    {
        get => _storage;
        set => _storage = value == "file" ? "files" : value;
    }

    public string? BlobConnectionString { get; set; }

    public Uri? BlobEndpoint { get; set; }

    [Required(ErrorMessage = "needs a value")]
    public string BlobContainer { get; set; } = "orleans-kinesis";

    [Required(ErrorMessage = "needs a value")]
    public string Region { get; set; } = "us-east-1";

    [RegularExpression("^[0-9]{12}$", ErrorMessage = "needs a 12-digit account id")]
    public string AccountId { get; set; } = "000000000000";

    [Range(0, 3_600_000)]
    public int CreateStreamDelayMs { get; set; }

    [Range(0, 3_600_000)]
    public int DeleteStreamDelayMs { get; set; }

    [Range(0, 3_600_000)]
    public int UpdateStreamDelayMs { get; set; }

    [Range(0, 3_600_000)]
    public int ConsumerTransitionDelayMs { get; set; }

    [Range(1, 1_000_000)]
    public int ShardLimit { get; set; } = 500;

    /// <summary>Whether per-shard throughput limits are enforced, as on AWS (on by default).</summary>
    public bool ThroughputLimits { get; set; } = true;

    /// <summary>Whether control-plane operations are rate limited per account (and per stream) as on AWS (on by default).</summary>
    public bool ControlPlaneLimits { get; set; } = true;

    /// <summary>The master key of server-side encryption (32 bytes; base64 in configuration), or null for the key kept in the store.</summary>
    public byte[]? EncryptionKey { get; set; }

    /// <summary>The process-wide hot-tail budget in MiB, or null to size it for the machine.</summary>
    [Range(0, 1_048_576)]
    public int? HotTailBudgetMiB { get; set; }

    /// <summary>Access key id → secret access key, for signature verification (configuration: <c>id:secret,id2:secret2</c>).</summary>
    public Dictionary<string, string> AccessKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Firehose HTTP transform hooks: Lambda function ARN → URL (configuration: <c>arn=url,arn2=url2</c>).</summary>
    public Dictionary<string, Uri> FirehoseHooks { get; } = new(StringComparer.Ordinal);

    [Range(1, 900_000)]
    public int TransformTimeoutMs { get; set; } = 300_000;

    /// <summary>Longest a SubscribeToShard subscription stays open (AWS: 300 s; keep it under a proxy's stream limit).</summary>
    [Range(10_000, 300_000)]
    public int SubscriptionLifetimeMs { get; set; } = 300_000;

    /// <summary>Whether the AWS/Kinesis and AWS/Firehose metrics are collected (on by default).</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>How long the CloudWatch API keeps 1-minute datapoints (3 hours by default).</summary>
    [Range(1, 44_640)]
    public int MetricsRetentionMinutes { get; set; } = 180;

    /// <summary>
    /// Whether the Orleans Dashboard (silos, grains, method profiling) is served under <c>/orleans/</c>; off by default.
    /// It is protected like the REST API when signatures are verified.
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>Console log format: <c>simple</c> (one text line per event) or <c>json</c>.</summary>
    [AllowedValues("simple", "json", ErrorMessage = "needs simple or json")]
    public string LogFormat { get; set; } = "simple";

    /// <summary>The OTLP collector; when null, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (if set).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>OTLP transport: <c>grpc</c> or <c>http/protobuf</c>; default <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, else grpc.</summary>
    public string OtlpProtocol { get; set; } = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL") is { Length: > 0 } protocol ? protocol : "grpc";

    /// <summary>The Orleans silo-to-silo port; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int SiloPort { get; set; }

    /// <summary>The Orleans client gateway port; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int SiloGatewayPort { get; set; }

    /// <summary>Cluster membership: <c>localhost</c> (one node, nothing shared) or <c>azure-table</c> (many nodes, Azure Table storage).</summary>
    [AllowedValues("localhost", "azure-table", ErrorMessage = "needs localhost or azure-table")]
    public string Clustering { get; set; } = "localhost";

    /// <summary>The Orleans cluster id: nodes with the same id (and table) form one cluster.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$", ErrorMessage = "needs letters, digits and dashes (at most 63)")]
    public string ClusterId { get; set; } = "orleans-kinesis";

    /// <summary>The address other silos reach this one at; null: the listen address (or this machine's first address when that is 0.0.0.0).</summary>
    public IPAddress? AdvertiseAddress { get; set; }

    /// <summary>The silo port other silos connect to when it differs from <see cref="SiloPort"/> (a port mapping, as on Container Apps).</summary>
    [Range(1, 65535)]
    public int? AdvertiseSiloPort { get; set; }

    /// <summary>The gateway port clients connect to when it differs from <see cref="SiloGatewayPort"/>.</summary>
    [Range(1, 65535)]
    public int? AdvertiseSiloGatewayPort { get; set; }

    /// <summary>Table service URL for <c>azure-table</c> with DefaultAzureCredential; null: the table endpoint of <see cref="BlobConnectionString"/>.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>Bearer tokens the REST API (/api/v1) accepts when signatures are verified (configuration: <c>token1,token2</c>).</summary>
    public List<string> ApiTokens { get; } = [];

    /// <summary>Whether a non-loopback listen address may run without access keys (any well-formed signature accepted).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>A file of access keys, one <c>id:secret</c> per line (<c>#</c> comments): keeps secrets out of argv.</summary>
    public string? AccessKeysFile { get; set; }

    /// <summary>A file holding the base64 encryption master key (instead of <see cref="EncryptionKey"/>).</summary>
    public string? EncryptionKeyFile { get; set; }

    /// <summary>Also serve TLS (HTTP/1.1 and HTTP/2 by ALPN) on this port (0: a free one).</summary>
    [Range(0, 65535)]
    public int? HttpsPort { get; set; }

    /// <summary>PKCS#12 file of the TLS certificate, or null for the ASP.NET Core development certificate.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's password (also ORLEANS_KINESIS_CERTIFICATE_PASSWORD).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>A file holding the certificate's password.</summary>
    public string? CertificatePasswordFile { get; set; }

    /// <summary>A connection that sends no complete protocol start (h2c preface, request line, TLS handshake) in this time is closed.</summary>
    [Range(1, 3_600_000)]
    public int FirstBytesTimeoutMs { get; set; } = 10_000;

    /// <summary>A connection idle between requests for this long is closed.</summary>
    [Range(1, 3_600_000)]
    public int KeepAliveTimeoutMs { get; set; } = 60_000;

    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 4096;

    [Range(1, 100_000)]
    public int MaxStreamsPerConnection { get; set; } = 1000;

    /// <summary>Most requests of one connection in progress at once (HTTP/2); SubscribeToShard holds one only until its stream starts.</summary>
    [Range(1, 100_000)]
    public int MaxRequestsPerConnection { get; set; } = 100;

    /// <summary>Requests of one connection waiting for a slot; beyond them, the operation's throttling error.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequestsPerConnection { get; set; } = 100;

    /// <summary>A JSON file of IAM-style identity policies by access key id (see README, "Security").</summary>
    public string? PolicyFile { get; set; }

    /// <summary>Identity policies by access key id or bearer token name, loaded from <see cref="PolicyFile"/>.</summary>
    public Dictionary<string, Gateway.Authorization.PolicyDocument> Policies { get; } = new(StringComparer.Ordinal);

    /// <summary>Principals of other accounts (access key id or bearer token name → account id), loaded from <see cref="PolicyFile"/>.</summary>
    public Dictionary<string, string> PrincipalAccounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Signatures are verified when keys are configured or the server listens beyond loopback (unless anonymous is allowed).</summary>
    public bool VerifySignatures => AccessKeys.Count > 0 || (!IPAddress.IsLoopback(ListenEndPoint.Address) && !AllowAnonymous);

    /// <summary>Refuses a configuration that would expose an unauthenticated server beyond loopback.</summary>
    public void CheckExposure()
    {
        var address = ListenEndPoint.Address;
        if (!IPAddress.IsLoopback(address) && AccessKeys.Count == 0 && !AllowAnonymous)
        {
            throw new ArgumentException(
                $"Refusing to listen on {address} without any access key: every client could read and write every stream. " +
                "Give keys (--access-key, --access-keys-file or ORLEANS_KINESIS_ACCESS_KEYS), listen on 127.0.0.1, " +
                "or pass --allow-anonymous to accept any well-formed signature.");
        }
    }

    /// <summary>
    /// Options from command-line flags alone (no appsettings or environment), validated; throws
    /// <see cref="ArgumentException"/> with the messages for the user. For tests and tools that build a server in code.
    /// </summary>
    public static KinesisHostOptions Parse(IReadOnlyList<string> args)
    {
        var commandLine = KinesisCommandLine.Parse(args);
        if (commandLine.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, commandLine.Errors));
        }

        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(commandLine.Values).Build();
        try
        {
            return KinesisConfiguration.Bind(configuration);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException error)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, error.Failures));
        }
    }

    /// <summary>Where Kestrel listens: <see cref="Urls"/> when set, else <see cref="Host"/>:<see cref="Port"/>.</summary>
    internal IPEndPoint ListenEndPoint => ListenUrl.TryParse(Urls, out var endPoint) ? endPoint : new IPEndPoint(Host, Port);
}
