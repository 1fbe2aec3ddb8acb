using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// The whole server in memory on a <see cref="ManualClock"/>, with throughput limits on (a frozen clock refills no
/// tokens, so throttling is exact): every test drives its own stream and reads its figures back.
/// </summary>
public sealed class MonitoringFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public ManualClock Clock { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public KinesisHttp Http { get; private set; } = null!;

    public MetricReader Metrics { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = KinesisServer.Build(
            new KinesisHostOptions { Port = 0, InMemory = true, ThroughputLimits = true, ControlPlaneLimits = false },
            configureServices: services => services.AddSingleton<TimeProvider>(Clock));
        await _app.StartAsync();
        Endpoint = KinesisServer.Endpoint(_app);
        Http = new KinesisHttp(Endpoint, new Version(1, 1));
        Metrics = new MetricReader(Endpoint, Clock);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        Metrics?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MonitoringCollection : ICollectionFixture<MonitoringFixture>
{
    public const string Name = "monitoring";
}
