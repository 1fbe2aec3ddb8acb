using System.CommandLine;
using System.CommandLine.Help;

namespace Orleans.Kinesis.Host.Configuration;

/// <summary>
/// The command line, parsed with System.CommandLine into configuration keys (the highest-precedence configuration
/// source). Every flag is an alias of an <c>OrleansKinesis:…</c> key; values are checked when the options are bound.
/// </summary>
public sealed class KinesisCommandLine
{
    /// <summary>One line per flag: add a line here to give a new option of <see cref="KinesisHostOptions"/> a flag.</summary>
    internal static readonly HostSwitch[] Switches =
    [
        new("--host", nameof(KinesisHostOptions.Host), "address to listen on (default 127.0.0.1)", "address"),
        new("--port", nameof(KinesisHostOptions.Port), "port to listen on; 0 picks a free one (default 4567)", "port"),
        new("--urls", nameof(KinesisHostOptions.Urls), "one http://host:port to listen on instead (default from ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS when --host and --port are unset)", "url"),
        new("--data", nameof(KinesisHostOptions.DataDirectory), "data directory for the file storage (default ./data)", "dir"),
        new("--storage", nameof(KinesisHostOptions.Storage), "where streams and records live: files, blob or memory (default files)", "kind"),
        new("--in-memory", nameof(KinesisHostOptions.Storage), "keep everything in memory (nothing survives a restart); = --storage memory", FlagValue: "memory"),
        new("--blob-connection-string", nameof(KinesisHostOptions.BlobConnectionString), "Azure Storage connection string for --storage blob (UseDevelopmentStorage=true for Azurite)", "cs"),
        new("--blob-endpoint", nameof(KinesisHostOptions.BlobEndpoint), "Blob service URL for --storage blob with managed identity (AZURE_CLIENT_ID) / DefaultAzureCredential", "url"),
        new("--blob-container", nameof(KinesisHostOptions.BlobContainer), "container for --storage blob (default orleans-kinesis)", "name"),
        new("--region", nameof(KinesisHostOptions.Region), "region in ARNs (default us-east-1)", "name"),
        new("--account", nameof(KinesisHostOptions.AccountId), "account id in ARNs (default 000000000000)", "12 digits"),
        new("--create-stream-ms", nameof(KinesisHostOptions.CreateStreamDelayMs), "how long a new stream stays CREATING (default 0)", "ms"),
        new("--delete-stream-ms", nameof(KinesisHostOptions.DeleteStreamDelayMs), "how long a deleted stream stays DELETING (default 0)", "ms"),
        new("--update-stream-ms", nameof(KinesisHostOptions.UpdateStreamDelayMs), "how long a resharded stream stays UPDATING (default 0)", "ms"),
        new("--consumer-transition-ms", nameof(KinesisHostOptions.ConsumerTransitionDelayMs), "how long consumers stay CREATING / DELETING (default 0)", "ms"),
        new("--shard-limit", nameof(KinesisHostOptions.ShardLimit), "open shards the account may have (default 500)", "n"),
        new("--no-throughput-limits", nameof(KinesisHostOptions.ThroughputLimits), "do not enforce per-shard throughput limits (for load tests)", FlagValue: "false"),
        new("--no-control-plane-limits", nameof(KinesisHostOptions.ControlPlaneLimits), "do not enforce control-plane rate limits (LimitExceededException)", FlagValue: "false"),
        new("--access-key", nameof(KinesisHostOptions.AccessKeys), "an access key whose SigV4 signatures are accepted (repeatable; also ORLEANS_KINESIS_ACCESS_KEYS=id:secret,id2:secret2). With keys, or when listening beyond loopback, every signature is verified", "id:secret", Repeatable: true),
        new("--firehose-hook", nameof(KinesisHostOptions.FirehoseHooks), "Firehose transform hook: a processor's Lambda ARN maps to an HTTP URL that answers the Lambda event (repeatable)", "arn=url", Repeatable: true),
        new("--transform-timeout-ms", nameof(KinesisHostOptions.TransformTimeoutMs), "longest a transform invocation may take (default 300000)", "ms"),
        new("--encryption-key", nameof(KinesisHostOptions.EncryptionKey), "master key (32 bytes, base64) for server-side encryption (also ORLEANS_KINESIS_ENCRYPTION_KEY); default: encryption.key in the store (<data>/ or the container's keys/), created on first start", "base64"),
        new("--hot-tail-budget-mb", nameof(KinesisHostOptions.HotTailBudgetMiB), "memory all shard logs together keep for recent records (default: 1/8 of the memory available, 64 MiB to 4 GiB)", "n"),
        new("--silo-port", nameof(KinesisHostOptions.SiloPort), "Orleans silo-to-silo port; 0 picks a free one (default 0)", "port"),
        new("--silo-gateway-port", nameof(KinesisHostOptions.SiloGatewayPort), "Orleans client gateway port; 0 picks a free one (default 0)", "port"),
        new("--clustering", nameof(KinesisHostOptions.Clustering), "cluster membership: localhost (one node) or azure-table (many nodes; needs --storage blob) (default localhost)", "kind"),
        new("--cluster-id", nameof(KinesisHostOptions.ClusterId), "Orleans cluster id shared by the nodes of one cluster (default orleans-kinesis)", "id"),
        new("--advertise-address", nameof(KinesisHostOptions.AdvertiseAddress), "address other silos reach this one at (default the listen address)", "ip"),
        new("--advertise-silo-port", nameof(KinesisHostOptions.AdvertiseSiloPort), "silo port other silos connect to, when a port mapping changes it (default --silo-port)", "port"),
        new("--advertise-silo-gateway-port", nameof(KinesisHostOptions.AdvertiseSiloGatewayPort), "gateway port clients connect to, when a port mapping changes it (default --silo-gateway-port)", "port"),
        new("--table-endpoint", nameof(KinesisHostOptions.TableEndpoint), "Table service URL for --clustering azure-table with DefaultAzureCredential (default: the TableEndpoint of --blob-connection-string)", "url"),
        new("--api-token", nameof(KinesisHostOptions.ApiTokens), "a bearer token for the REST API and web console when signatures are verified (repeatable); <name>:<token> holds it to <name>'s policy", "token", Repeatable: true),
        new("--access-keys-file", nameof(KinesisHostOptions.AccessKeysFile), "access keys, one <id>:<secret> per line (# comments); keeps secrets out of argv", "file"),
        new("--encryption-key-file", nameof(KinesisHostOptions.EncryptionKeyFile), "file holding the base64 encryption master key (instead of --encryption-key)", "file"),
        new("--allow-anonymous", nameof(KinesisHostOptions.AllowAnonymous), "allow listening beyond loopback without any access key (any well-formed signature is then accepted); without it such a start is refused", FlagValue: "true"),
        new("--https-port", nameof(KinesisHostOptions.HttpsPort), "also serve TLS (HTTP/1.1 and HTTP/2 by ALPN) on this port", "port"),
        new("--certificate", nameof(KinesisHostOptions.CertificatePath), "the TLS certificate (PKCS#12 with its key; password from ORLEANS_KINESIS_CERTIFICATE_PASSWORD or --certificate-password-file); default: the ASP.NET Core development certificate", "pfx"),
        new("--certificate-password-file", nameof(KinesisHostOptions.CertificatePasswordFile), "file holding the certificate's password", "file"),
        new("--first-bytes-timeout-ms", nameof(KinesisHostOptions.FirstBytesTimeoutMs), "close a connection that sends no complete protocol start (h2c preface, request line, TLS handshake) within this time (default 10000)", "ms"),
        new("--keep-alive-timeout-ms", nameof(KinesisHostOptions.KeepAliveTimeoutMs), "close a connection idle between requests after this time (default 60000)", "ms"),
        new("--max-connections", nameof(KinesisHostOptions.MaxConnections), "most connections open at once (default 4096)", "n"),
        new("--max-streams-per-connection", nameof(KinesisHostOptions.MaxStreamsPerConnection), "most concurrent HTTP/2 streams per connection (default 1000)", "n"),
        new("--max-requests-per-connection", nameof(KinesisHostOptions.MaxRequestsPerConnection), "most requests of one connection in progress at once; more wait in its queue (default 100)", "n"),
        new("--max-queued-requests-per-connection", nameof(KinesisHostOptions.MaxQueuedRequestsPerConnection), "requests of one connection waiting for a slot; beyond them the operation's throttling error (default 100)", "n"),
        new("--policy-file", nameof(KinesisHostOptions.PolicyFile), "IAM-style identity policies and other-account bindings by access key id or token name (JSON; see README, Security)", "file"),
        new("--no-metrics", nameof(KinesisHostOptions.Metrics), "collect no metrics (the CloudWatch API and /metrics stay empty; for benchmarks)", FlagValue: "false"),
        new("--orleans-dashboard", nameof(KinesisHostOptions.Dashboard), "serve the Orleans Dashboard (silos, grains, method profiling) under /orleans/, protected like the REST API", FlagValue: "true"),
        new("--log-format", nameof(KinesisHostOptions.LogFormat), "console log format: simple or json (default simple)", "format"),
        new("--subscription-lifetime-ms", nameof(KinesisHostOptions.SubscriptionLifetimeMs), "longest a SubscribeToShard subscription stays open (default 300000; below 240000 behind Azure Container Apps ingress)", "ms"),
    ];

    private const string Epilog = """
        Every option is also a configuration key, OrleansKinesis:<Name> (see README, "Configuration"): set it in
        appsettings.json / appsettings.{Environment}.json, or as the environment variable OrleansKinesis__<Name>;
        the command line wins over the environment, which wins over appsettings.
        """;

    private const string ShowConfigurationAlias = "--show-config";

    private readonly ParseResult _result;

    private KinesisCommandLine(ParseResult result, Dictionary<string, string?> values)
    {
        _result = result;
        Values = values;
    }

    /// <summary>The configuration keys the command line sets.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; }

    /// <summary>Parse errors (unknown flags, missing values), for the user.</summary>
    public IReadOnlyList<string> Errors => _result.Errors.Select(error => error.Message).ToList();

    /// <summary>Whether <c>--help</c> (or <c>-h</c>, <c>-?</c>) was given.</summary>
    public bool ShowHelp => _result.Action is HelpAction;

    /// <summary>Whether <c>--show-config</c> was given.</summary>
    public bool ShowConfiguration => _result.GetValue<bool>(ShowConfigurationAlias);

    public static KinesisCommandLine Parse(IReadOnlyList<string> args)
    {
        var (root, options) = CreateCommand();
        var result = root.Parse(args);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (hostSwitch, option) in options)
        {
            if (result.GetResult(option) is not { Implicit: false })
            {
                continue;
            }

            var value = option switch
            {
                Option<bool> flag => result.GetValue(flag) ? hostSwitch.FlagValue : null,
                Option<string[]> list => string.Join(',', result.GetValue(list) ?? []),
                Option<string> text => result.GetValue(text),
                _ => throw new InvalidOperationException(option.Name),
            };
            if (value is not null)
            {
                values[hostSwitch.Key] = value;
            }
        }

        return new KinesisCommandLine(result, values);
    }

    /// <summary>The usage text (what <c>--help</c> prints).</summary>
    public static string Help()
    {
        using var output = new StringWriter();
        CreateCommand().Root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });
        return output.ToString().TrimEnd() + Environment.NewLine + Environment.NewLine + Epilog;
    }

    private static (RootCommand Root, List<(HostSwitch Switch, Option Option)> Options) CreateCommand()
    {
        var root = new RootCommand("Orleans.Kinesis: a self-hosted Amazon Kinesis Data Streams and Firehose endpoint.");
        var options = new List<(HostSwitch, Option)>();
        foreach (var hostSwitch in Switches)
        {
            Option option = hostSwitch switch
            {
                { FlagValue: not null } => new Option<bool>(hostSwitch.Alias),
                { Repeatable: true } => new Option<string[]>(hostSwitch.Alias) { AllowMultipleArgumentsPerToken = false },
                _ => new Option<string>(hostSwitch.Alias),
            };
            option.Description = $"{hostSwitch.Help} [{hostSwitch.Key}]";
            option.HelpName = hostSwitch.ValueName;
            root.Options.Add(option);
            options.Add((hostSwitch, option));
        }

        root.Options.Add(new Option<bool>(ShowConfigurationAlias) { Description = "print the effective settings as JSON (secrets hidden) and exit" });
        return (root, options);
    }
}
