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
        await WaitActiveAsync();

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("PubSubStore")
            .AddKinesisStreams(ProviderName, options => Configure(options, endpoint)));
        builder.ConfigureClient(client => client.AddKinesisStreams(ProviderName, options => Configure(options, endpoint)));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
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
    public async Task WaitActiveAsync()
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var summary = await Kinesis.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = StreamName });
            if (summary.StreamDescriptionSummary.StreamStatus == "ACTIVE")
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"stream {StreamName} did not become ACTIVE");
    }

    private void Configure(KinesisStreamOptions options, Uri endpoint)
    {
        options.StreamName = StreamName;
        options.StreamNamespace = Namespace;
        options.Client = ClientOptions(endpoint);
        options.CheckpointStore = Checkpoints;
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
