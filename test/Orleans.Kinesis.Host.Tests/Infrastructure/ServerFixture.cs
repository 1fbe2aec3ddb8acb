using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>The whole server, in memory, on a free loopback port; shared by the tests of a collection.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly TestStorage _storage = new();
    private WebApplication? _app;

    public ShiftableTimeProvider Time { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public KinesisHttp Http1 { get; private set; } = null!;

    public KinesisHttp Http2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new KinesisHostOptions { Port = 0, ThroughputLimits = false, ControlPlaneLimits = false };
        await _storage.ApplyAsync(options);
        _app = KinesisServer.Build(
            options,
            configureServices: services => services.AddSingleton<TimeProvider>(Time));
        await _app.StartAsync();
        Endpoint = KinesisServer.Endpoint(_app);
        Http1 = new KinesisHttp(Endpoint, new Version(1, 1));
        Http2 = new KinesisHttp(Endpoint, new Version(2, 0));
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

        await _storage.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
