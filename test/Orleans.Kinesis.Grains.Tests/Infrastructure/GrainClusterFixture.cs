using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Grains.Hosting;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Kinesis.TestKit;
using Orleans.TestingHost;

namespace Orleans.Kinesis.Grains.Tests.Infrastructure;

/// <summary>
/// One Orleans silo (Microsoft.Orleans.TestingHost, in process; <see cref="TwoSiloClusterFixture"/> starts two) with the Kinesis grains on memory storage, its grains
/// on a clock that moves only when a test advances it, and a cluster client that reaches the silo through its
/// gateway, so every call serializes its arguments and results.
/// </summary>
public class GrainClusterFixture : IAsyncLifetime
{
    private readonly short _silos;
    private InProcessTestCluster? _cluster;

    public GrainClusterFixture()
        : this(1)
    {
    }

    protected GrainClusterFixture(short silos)
    {
        _silos = silos;
    }

    /// <summary>The grains' clock; the stream pulling agents' 10 ms polls run on real time (see <see cref="FakeTimeProvider.RealTimeDueTimesUpTo"/>).</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { RealTimeDueTimesUpTo = TimeSpan.FromMilliseconds(20) };

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(_silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.Configure<KinesisServiceOptions>(options =>
            {
                options.EnforceThroughputLimits = false;
                options.CreateStreamDelay = TimeSpan.FromSeconds(10);
            });
            silo.Services.Configure<RecordEncryptionOptions>(options => options.MasterKey = new byte[32]);
            silo.Services.AddMemoryStorage();
            silo.AddKinesisMemoryGrainStorage();
            silo.UseInMemoryReminderService();
            silo.AddKinesisGrains();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Creates a stream and moves the clock past its creation delay; returns its snapshot once ACTIVE.</summary>
    public async Task<StreamSnapshot> CreateActiveStreamAsync(string name, int shardCount)
    {
        var stream = Grains.GetGrain<IStreamGrain>(name);
        await stream.CreateAsync(new CreateStreamCommand(shardCount, StreamMode.Provisioned, 1024, null));
        return await SettleAsync(stream, StreamStatus.Active);
    }

    /// <summary>
    /// Fires the stream's due timers (bounded: a transition arms at most a few in a row) until it reaches
    /// <paramref name="status"/>.
    /// </summary>
    public async Task<StreamSnapshot> SettleAsync(IStreamGrain stream, StreamStatus status)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            Clock.Advance(TimeSpan.FromSeconds(10));
            if (await stream.GetSettledSnapshotAsync() is { } snapshot && snapshot.Status == status)
            {
                return snapshot;
            }
        }

        throw new TimeoutException($"stream {stream.GetPrimaryKeyString()} did not become {status}");
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
