using System.Globalization;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>Command-line options of the harness.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project test/Orleans.Kinesis.Benchmarks -- [options]
          --targets orleans,kinesalite   servers to start and measure (default: both)
          --endpoint <url>               measure an already running server instead (targets ignored)
          --in-memory                    start the orleans host with --in-memory instead of --data <temp dir>
          --storage files,blob,memory    storage providers to measure the orleans host on, one after the other
                                         (default files; blob starts Azurite from test/js on a free port)
          --duration <s>                 seconds per timed phase (default 10)
          --warmup <s>                   untimed warm-up seconds before phases (a), (a'), (b), (b') and (c') (default 1)
          --phases putrecords,putrecord,getrecords   phases to run (default: those three)
                                         putrecords-wrk: PutRecords throughput measured by wrk (apt-get install
                                         wrk) replaying one signed body, records counted back from the shards
                                         putrecord-wrk: PutRecord latency measured by wrk taking 64 signed
                                         bodies in turn, records counted back from the shards
                                         getrecords-wrk: GetRecords throughput measured by wrk (apt-get install
                                         wrk) repeating one call with a fixed iterator on a pre-filled shard
                                         fanout: SubscribeToShard put-to-subscriber latency and fan-out throughput
                                         (orleans only: --targets orleans --phases fanout)
          --subscribers 1,10             subscriber counts of the fanout phase (default 1,10)
                                         firehose: PutRecordBatch through to delivered objects
                                         (orleans with files only: --targets orleans --phases firehose)
          --connections <n>              concurrent HTTP/1.1 connections / workers (default 8)
          --shards <n>                   shards of the phase (a)/(b) streams (default 4)
          --batch <n>                    records per PutRecords request (default 500)
          --record-size <bytes>          record payload size (default 1024)
          --prefill <n>                  records written before phase (c) (default 200000)
          --get-limit <n>                GetRecords Limit in phase (c) (default 10000)
          --repo <dir>                   repository root (default: found from the working directory)
          --host-dll <path>              use this Orleans.Kinesis.Host.dll instead of building it
          --dummy-signature              send a constant SigV4 signature instead of signing each request
          --metrics on,off               measure the orleans host with metrics on, off, or both in one run (default on)
          --nodes 1,2,3                  measure an orleans cluster of each size in turn (blob storage and table
                                         membership on one Azurite; connections spread over the nodes)
          --repeat <n>                   run the orleans settings n times in turn (e.g. --metrics off,on --repeat 3:
                                         off,on,off,on,off,on, each on a fresh server) and print each setting's mean
                                         and spread, and the metrics cost (default 1)
          --encrypted                    turn server-side encryption on (StartStreamEncryption, alias/aws/kinesis)
                                         for every phase's stream; targets default to orleans only
        """;

    public IReadOnlyList<string> Targets { get; private set; } = ["orleans", "kinesalite"];

    public Uri? Endpoint { get; private set; }

    public bool InMemory => Storages.Count == 1 && Storages[0] == "memory";

    public IReadOnlyList<string> Storages { get; private set; } = ["files"];

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Phases { get; private set; } = ["putrecords", "putrecord", "getrecords"];

    public IReadOnlyList<int> Subscribers { get; private set; } = [1, 10];

    public int Connections { get; private set; } = 8;

    public int Shards { get; private set; } = 4;

    public int Batch { get; private set; } = 500;

    public int RecordSize { get; private set; } = 1024;

    public int Prefill { get; private set; } = 200_000;

    public int GetLimit { get; private set; } = 10_000;

    public string? Repo { get; private set; }

    public string? HostDll { get; private set; }

    public bool DummySignature { get; private set; }

    public bool Encrypted { get; private set; }

    /// <summary>The metrics settings to measure the orleans host with: <c>on</c>, <c>off</c> or both.</summary>
    public IReadOnlyList<string> Metrics { get; private set; } = ["on"];

    /// <summary>Cluster sizes to measure (<c>--nodes</c>), or empty for the single-node runs.</summary>
    public IReadOnlyList<int> Nodes { get; private set; } = [];

    /// <summary>How many times the orleans settings are run, alternating (see <see cref="RepeatSummary"/>).</summary>
    public int Repeat { get; private set; } = 1;

    public bool Help { get; private set; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--targets": o.Targets = List(Value()); break;
                case "--endpoint": o.Endpoint = new Uri(Value(), UriKind.Absolute); break;
                case "--in-memory": o.Storages = ["memory"]; break;
                case "--storage": o.Storages = List(Value()); break;
                case "--duration": o.Duration = TimeSpan.FromSeconds(Number(name, Value())); break;
                case "--warmup": o.Warmup = TimeSpan.FromSeconds(Number(name, Value())); break;
                case "--phases": o.Phases = List(Value()); break;
                case "--subscribers": o.Subscribers = [.. List(Value()).Select(v => Positive(name, v))]; break;
                case "--connections": o.Connections = Positive(name, Value()); break;
                case "--shards": o.Shards = Positive(name, Value()); break;
                case "--batch": o.Batch = Positive(name, Value()); break;
                case "--record-size": o.RecordSize = Positive(name, Value()); break;
                case "--prefill": o.Prefill = Positive(name, Value()); break;
                case "--get-limit": o.GetLimit = Positive(name, Value()); break;
                case "--repo": o.Repo = Value(); break;
                case "--host-dll": o.HostDll = Value(); break;
                case "--dummy-signature": o.DummySignature = true; break;
                case "--encrypted": o.Encrypted = true; break;
                case "--metrics": o.Metrics = List(Value()); break;
                case "--nodes": o.Nodes = [.. List(Value()).Select(v => Positive(name, v))]; break;
                case "--repeat": o.Repeat = Positive(name, Value()); break;
                case "--help" or "-h": o.Help = true; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }

        if (o.Encrypted && !args.Contains("--targets"))
        {
            o.Targets = ["orleans"]; // kinesalite has no server-side encryption
        }

        foreach (var target in o.Targets)
        {
            if (target is not ("orleans" or "kinesalite"))
            {
                throw new ArgumentException($"unknown target {target} (orleans, kinesalite)");
            }
        }

        foreach (var storage in o.Storages)
        {
            if (storage is not ("files" or "blob" or "memory"))
            {
                throw new ArgumentException($"unknown storage {storage} (files, blob, memory)");
            }
        }

        foreach (var phase in o.Phases)
        {
            if (phase is not ("putrecords" or "putrecord" or "getrecords" or "getrecords-wrk" or "putrecords-wrk" or "putrecord-wrk" or "fanout" or "firehose"))
            {
                throw new ArgumentException($"unknown phase {phase} (putrecords, putrecords-wrk, putrecord, putrecord-wrk, getrecords, getrecords-wrk, fanout, firehose)");
            }
        }

        return o;
    }

    private static string[] List(string value)
        => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Number(string name, string value)
        => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
            ? d
            : throw new ArgumentException($"{name} needs a non-negative number, not '{value}'");

    private static int Positive(string name, string value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a positive integer, not '{value}'");
}
