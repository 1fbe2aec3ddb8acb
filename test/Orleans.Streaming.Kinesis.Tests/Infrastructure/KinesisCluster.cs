using Microsoft.AspNetCore.Builder;
using Orleans.Hosting;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Credentials;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Host;
using Orleans.Streaming.Kinesis.Hosting;
using Orleans.Streaming.Kinesis.Options;
using Orleans.TestingHost;

namespace Orleans.Streaming.Kinesis.Tests.Infrastructure;

/// <summary>
/// The Orleans.Kinesis server on a free loopback port with a 4-shard stream, and a two-silo Orleans test cluster
/// (plus its client) whose Kinesis stream provider reads and writes that stream through the SDK.
/// </summary>
public sealed class KinesisCluster : IAsyncLifetime
{
    public const string ProviderName = "kinesis";
    public const string Namespace = "orders";

    private WebApplication? _server;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public KinesisClient Kinesis { get; private set; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    public string StreamName { get; } = "orleans-streams-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The checkpoints, shared by both silos.</summary>
    public InMemoryLeaseStore Checkpoints { get; } = new();

    public async Task InitializeAsync()
    {
        _server = KinesisServer.Build(new KinesisHostOptions { Port = 0, InMemory = true, ThroughputLimits = false, ControlPlaneLimits = false });
        await _server.StartAsync();
        var endpoint = Endpoint = KinesisServer.Endpoint(_server);
        Kinesis = new KinesisClient(ClientOptions(endpoint));
        await Kinesis.CreateStreamAsync(new CreateStreamRequest { StreamName = StreamName, ShardCount = 4 });
        await WaitActiveAsync(StreamName);

        Cluster = await StartClusterAsync(endpoint, StreamName, Checkpoints, silos: 2);
    }

    /// <summary>A deployed cluster whose provider reads <paramref name="stream"/> with checkpoints in <paramref name="checkpoints"/>.</summary>
    public static async Task<InProcessTestCluster> StartClusterAsync(Uri endpoint, string stream, ILeaseStore checkpoints, short silos)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("PubSubStore")
            .AddKinesisStreams(ProviderName, options => Configure(options, endpoint, stream, checkpoints)));
        builder.ConfigureClient(client => client.AddKinesisStreams(ProviderName, options => Configure(options, endpoint, stream, checkpoints)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Creates a stream and waits (bounded) until it is ACTIVE.</summary>
    public async Task<string> CreateStreamAsync(string prefix, int shards)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        await Kinesis.CreateStreamAsync(new CreateStreamRequest { StreamName = name, ShardCount = shards });
        await WaitActiveAsync(name);
        return name;
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Kinesis?.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
    }

    /// <summary>Waits (bounded) until the stream is ACTIVE again, e.g. after a split.</summary>
    public async Task WaitActiveAsync(string stream)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var summary = await Kinesis.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = stream });
            if (summary.StreamDescriptionSummary.StreamStatus == "ACTIVE")
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"stream {stream} did not become ACTIVE");
    }

    private static void Configure(KinesisStreamOptions options, Uri endpoint, string stream, ILeaseStore checkpoints)
    {
        options.StreamName = stream;
        options.StreamNamespace = Namespace;
        options.Client = ClientOptions(endpoint);
        options.CheckpointStore = checkpoints;
        options.QueueCount = 4;
        options.ShardSyncInterval = TimeSpan.FromMilliseconds(500);
        options.ParentShardPollInterval = TimeSpan.FromMilliseconds(100);
    }

    private static KinesisClientOptions ClientOptions(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        Region = "us-east-1",
        Credentials = AwsCredentials.Anonymous,
    };
}

[CollectionDefinition(Name)]
public sealed class KinesisClusterCollection : ICollectionFixture<KinesisCluster>
{
    public const string Name = "kinesis-cluster";
}
