using System.Globalization;
using System.Net;

namespace Orleans.Kinesis.Host;

/// <summary>The server's command line: where to listen and where to keep data.</summary>
public sealed class KinesisHostOptions
{
    public const string Usage = """
        Orleans.Kinesis — a self-hosted Amazon Kinesis Data Streams endpoint.

        Usage: Orleans.Kinesis.Host [options]
          --host <address>              address to listen on (default 127.0.0.1)
          --port <port>                 port to listen on; 0 picks a free one (default 4567)
          --data <dir>                  data directory for the file storage (default ./data)
          --in-memory                   keep everything in memory (nothing survives a restart); = --storage memory
          --storage files|blob|memory   where streams and records live (default files; env OrleansKinesis__Storage)
          --blob-connection-string <cs> Azure Storage connection string for --storage blob, e.g. UseDevelopmentStorage=true
                                        for Azurite (env OrleansKinesis__BlobConnectionString)
          --blob-endpoint <url>         Blob service URL for --storage blob with managed identity / DefaultAzureCredential
                                        (env OrleansKinesis__BlobEndpoint)
          --blob-container <name>       container for --storage blob (default orleans-kinesis)
          --region <name>               region in ARNs (default us-east-1)
          --account <12 digits>         account id in ARNs (default 000000000000)
          --create-stream-ms <ms>       how long a new stream stays CREATING (default 0)
          --delete-stream-ms <ms>       how long a deleted stream stays DELETING (default 0)
          --update-stream-ms <ms>       how long a resharded stream stays UPDATING (default 0)
          --consumer-transition-ms <ms> how long consumers stay CREATING / DELETING (default 0)
          --shard-limit <n>             open shards the account may have (default 500)
          --no-throughput-limits        do not enforce per-shard throughput limits (for load tests)
          --access-key <id>:<secret>    an access key whose SigV4 signatures are accepted (repeatable; also
                                        ORLEANS_KINESIS_ACCESS_KEYS="id:secret,id2:secret2"). With keys, or when
                                        bound to a non-loopback address, every signature is verified
          --firehose-hook <arn>=<url>   Firehose transform hook: the Lambda ARN of a processor maps to an HTTP
                                        URL that receives the Lambda event and answers with its records (repeatable)
          --transform-timeout-ms <ms>   longest a transform invocation may take (default 300000)
          --encryption-key <base64>     master key (32 bytes, base64) for server-side encryption (also
                                        ORLEANS_KINESIS_ENCRYPTION_KEY); default: <data>/encryption.key, created
                                        on first start (random per process with --in-memory)
          --no-control-plane-limits     do not enforce control-plane rate limits (LimitExceededException)
          --no-metrics                  collect no metrics (CloudWatch API and /metrics stay empty; for benchmarks)
          --log-format simple|json      console log format (default simple)
          --help                        show this text
        """;

    public IPAddress Host { get; set; } = IPAddress.Loopback;

    public int Port { get; set; } = 4567;

    public string DataDirectory { get; set; } = "data";

    /// <summary>Alias of <c>Storage == "memory"</c>, kept for <c>--in-memory</c>.</summary>
    public bool InMemory
    {
        get => Storage == "memory";
        set => Storage = value ? "memory" : "files";
    }

    /// <summary>The storage provider: <c>files</c>, <c>blob</c> or <c>memory</c>.</summary>
    public string Storage { get; set; } = "files";

    public string? BlobConnectionString { get; set; }

    public Uri? BlobEndpoint { get; set; }

    public string BlobContainer { get; set; } = "orleans-kinesis";

    public string Region { get; set; } = "us-east-1";

    public string AccountId { get; set; } = "000000000000";

    public int CreateStreamDelayMs { get; set; }

    public int DeleteStreamDelayMs { get; set; }

    public int UpdateStreamDelayMs { get; set; }

    public int ConsumerTransitionDelayMs { get; set; }

    public int ShardLimit { get; set; } = 500;

    public bool ShowHelp { get; set; }

    /// <summary>Whether per-shard throughput limits are enforced, as on AWS (on by default).</summary>
    public bool ThroughputLimits { get; set; } = true;

    /// <summary>Whether control-plane operations are rate limited per account (and per stream) as on AWS (on by default).</summary>
    public bool ControlPlaneLimits { get; set; } = true;

    /// <summary>The master key of server-side encryption (32 bytes), or null for the key file in the data directory.</summary>
    public byte[]? EncryptionKey { get; set; }

    /// <summary>Access key id → secret access key, for signature verification.</summary>
    public Dictionary<string, string> AccessKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Firehose HTTP transform hooks: Lambda function ARN → URL.</summary>
    public Dictionary<string, Uri> FirehoseHooks { get; } = new(StringComparer.Ordinal);

    public int TransformTimeoutMs { get; set; } = 300_000;

    /// <summary>Whether the AWS/Kinesis and AWS/Firehose metrics are collected (on by default).</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>How long the CloudWatch API keeps 1-minute datapoints (3 hours by default).</summary>
    public int MetricsRetentionMinutes { get; set; } = 180;

    /// <summary>Console log format: <c>simple</c> (one text line per event) or <c>json</c>.</summary>
    public string LogFormat { get; set; } = "simple";

    /// <summary>The OTLP collector; when null, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (if set).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>OTLP transport: <c>grpc</c> or <c>http/protobuf</c>; default <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, else grpc.</summary>
    public string OtlpProtocol { get; set; } = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL") is { Length: > 0 } protocol ? protocol : "grpc";

    /// <summary>Signatures are verified when keys are configured or the server listens beyond loopback.</summary>
    public bool VerifySignatures => AccessKeys.Count > 0 || !IPAddress.IsLoopback(Host);

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a message for the user on bad input.</summary>
    public static KinesisHostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new KinesisHostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h":
                    options.ShowHelp = true;
                    break;
                case "--in-memory":
                    options.InMemory = true;
                    break;
                case "--storage":
                    options.Storage = StorageName(Value(args, ref i, arg));
                    break;
                case "--blob-connection-string":
                    options.BlobConnectionString = Value(args, ref i, arg);
                    break;
                case "--blob-endpoint":
                    options.BlobEndpoint = BlobUrl(Value(args, ref i, arg));
                    break;
                case "--blob-container":
                    options.BlobContainer = Value(args, ref i, arg);
                    break;
                case "--no-throughput-limits":
                    options.ThroughputLimits = false;
                    break;
                case "--no-control-plane-limits":
                    options.ControlPlaneLimits = false;
                    break;
                case "--encryption-key":
                    options.EncryptionKey = ParseEncryptionKey(Value(args, ref i, arg));
                    break;
                case "--host":
                    options.Host = IPAddress.TryParse(Value(args, ref i, arg), out var address)
                        ? address
                        : throw new ArgumentException($"--host needs an IP address, not '{args[i]}'.");
                    break;
                case "--port":
                    options.Port = Number(args, ref i, arg, 0, 65535);
                    break;
                case "--data":
                    options.DataDirectory = Value(args, ref i, arg);
                    break;
                case "--region":
                    options.Region = Value(args, ref i, arg);
                    break;
                case "--account":
                    options.AccountId = Value(args, ref i, arg);
                    if (options.AccountId.Length != 12 || !options.AccountId.All(char.IsAsciiDigit))
                    {
                        throw new ArgumentException("--account needs a 12-digit account id.");
                    }

                    break;
                case "--create-stream-ms":
                    options.CreateStreamDelayMs = Number(args, ref i, arg, 0, 3_600_000);
                    break;
                case "--delete-stream-ms":
                    options.DeleteStreamDelayMs = Number(args, ref i, arg, 0, 3_600_000);
                    break;
                case "--update-stream-ms":
                    options.UpdateStreamDelayMs = Number(args, ref i, arg, 0, 3_600_000);
                    break;
                case "--access-key":
                    AddAccessKeys(options, Value(args, ref i, arg));
                    break;
                case "--consumer-transition-ms":
                    options.ConsumerTransitionDelayMs = Number(args, ref i, arg, 0, 3_600_000);
                    break;
                case "--shard-limit":
                    options.ShardLimit = Number(args, ref i, arg, 1, 1_000_000);
                    break;
                case "--firehose-hook":
                    AddFirehoseHook(options, Value(args, ref i, arg));
                    break;
                case "--no-metrics":
                    options.Metrics = false;
                    break;
                case "--log-format":
                    options.LogFormat = Value(args, ref i, arg) is "json" or "simple" ? args[i] : throw new ArgumentException("--log-format is simple or json.");
                    break;
                case "--transform-timeout-ms":
                    options.TransformTimeoutMs = Number(args, ref i, arg, 1, 900_000);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'.");
            }
        }

        if (options.Storage == "blob" && options.BlobConnectionString is null && options.BlobEndpoint is null)
        {
            throw new ArgumentException("--storage blob needs --blob-connection-string or --blob-endpoint.");
        }

        return options;
    }

    /// <summary>
    /// Fills storage settings the command line left unset from the environment, ASP.NET Core style:
    /// <c>OrleansKinesis__Storage</c>, <c>OrleansKinesis__BlobConnectionString</c>, <c>OrleansKinesis__BlobEndpoint</c>,
    /// <c>OrleansKinesis__BlobContainer</c>. Call before <see cref="Parse"/>'s checks matter, i.e. pass the result on.
    /// </summary>
    public static IReadOnlyList<string> WithEnvironment(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var merged = new List<string>();
        void Add(string option, string variable)
        {
            if (!args.Contains(option) && environment("OrleansKinesis__" + variable) is { Length: > 0 } value)
            {
                merged.Add(option);
                merged.Add(value);
            }
        }

        Add("--storage", "Storage");
        Add("--blob-connection-string", "BlobConnectionString");
        Add("--blob-endpoint", "BlobEndpoint");
        Add("--blob-container", "BlobContainer");
        if (args.Contains("--in-memory"))
        {
            var at = merged.IndexOf("--storage");
            if (at >= 0)
            {
                merged.RemoveRange(at, 2);
            }
        }

        merged.AddRange(args);
        return merged;
    }

    private static string StorageName(string value) => value switch
    {
        "files" or "file" => "files",
        "blob" or "memory" => value,
        _ => throw new ArgumentException($"--storage needs files, blob or memory, not '{value}'."),
    };

    private static Uri BlobUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"--blob-endpoint needs an http(s) URL, not '{value}'.");

    /// <summary>Adds comma-separated <c>id:secret</c> pairs.</summary>
    public static void AddAccessKeys(KinesisHostOptions options, string pairs)
    {
        foreach (var pair in pairs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == pair.Length - 1)
            {
                throw new ArgumentException("--access-key needs <access key id>:<secret access key>.");
            }

            options.AccessKeys[pair[..colon]] = pair[(colon + 1)..];
        }
    }

    /// <summary>Adds <c>lambda-arn=url</c> (the ARN contains ':' but never '=').</summary>
    public static void AddFirehoseHook(KinesisHostOptions options, string mapping)
    {
        var equals = mapping.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !Uri.TryCreate(mapping[(equals + 1)..], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("--firehose-hook needs <lambda function ARN>=<http(s) URL>.");
        }

        options.FirehoseHooks[mapping[..equals]] = url;
    }

    /// <summary>A 32-byte key in base64.</summary>
    public static byte[] ParseEncryptionKey(string base64)
    {
        var key = new byte[33];
        if (!Convert.TryFromBase64String(base64.Trim(), key, out var length) || length != 32)
        {
            throw new ArgumentException("The encryption key must be 32 bytes in base64 (e.g. `openssl rand -base64 32`).");
        }

        return key[..32];
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{name} needs a value.");
        }

        return args[++i];
    }

    private static int Number(IReadOnlyList<string> args, ref int i, string name, int min, int max)
    {
        var text = Value(args, ref i, name);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{name} needs a whole number from {min} to {max}, not '{text}'.");
        }

        return value;
    }
}
