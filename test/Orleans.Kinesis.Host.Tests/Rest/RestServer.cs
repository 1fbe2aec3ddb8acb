using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Rest;

/// <summary>The whole server in memory on a free loopback port, with a REST client and a raw AWS JSON client.</summary>
public class RestServer : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    public RestClient Rest { get; private set; } = null!;

    public KinesisHttp Aws { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new KinesisHostOptions { Port = 0, InMemory = true, ThroughputLimits = false, ControlPlaneLimits = false };
        Configure(options);
        _app = KinesisServer.Build(options);
        await _app.StartAsync();
        Endpoint = KinesisServer.Endpoint(_app);
        Rest = new RestClient(Endpoint);
        Aws = new KinesisHttp(Endpoint, new Version(1, 1));
    }

    public async Task DisposeAsync()
    {
        Rest?.Dispose();
        Aws?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    protected virtual void Configure(KinesisHostOptions options)
    {
    }
}
