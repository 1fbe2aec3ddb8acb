using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host;

namespace Orleans.Kinesis.Client.Tests.Infrastructure;

/// <summary>The whole Orleans.Kinesis server in memory on a free loopback port (public KinesisServer API only).</summary>
public class ServerFixture : IKinesisEndpoint, IAsyncLifetime
{
    private WebApplication? _app;

    public string Name => "orleans";

    public Uri Endpoint { get; private set; } = null!;

    public KinesisClient Client { get; private set; } = null!;

    /// <summary>Per-shard throughput limits as on AWS (on for the throttling tests).</summary>
    protected virtual bool ThroughputLimits => false;

    public async Task InitializeAsync()
    {
        var options = new KinesisHostOptions { Port = 0, InMemory = true, ThroughputLimits = ThroughputLimits, ControlPlaneLimits = false };
        _app = KinesisServer.Build(options);
        await _app.StartAsync();
        Endpoint = KinesisServer.Endpoint(_app);
        Client = new KinesisClient(TestClients.Options(Endpoint));
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
