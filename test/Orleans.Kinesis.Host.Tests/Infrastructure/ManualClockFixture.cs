using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>The whole server, in memory, on a <see cref="ManualClock"/>: time-driven behaviour is tested by advancing it.</summary>
public sealed class ManualClockFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public ManualClock Clock { get; } = new();

    public KinesisHttp Http1 { get; private set; } = null!;

    public KinesisHttp Http2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = KinesisServer.Build(
            new KinesisHostOptions { Port = 0, InMemory = true, ThroughputLimits = false, ControlPlaneLimits = false },
            configureServices: services => services.AddSingleton<TimeProvider>(Clock));
        await _app.StartAsync();
        var endpoint = KinesisServer.Endpoint(_app);
        Http1 = new KinesisHttp(endpoint, new Version(1, 1));
        Http2 = new KinesisHttp(endpoint, new Version(2, 0));
    }

    public async Task DisposeAsync()
    {
        Http1?.Dispose();
        Http2?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ManualClockCollection : ICollectionFixture<ManualClockFixture>
{
    public const string Name = "manual clock";
}
