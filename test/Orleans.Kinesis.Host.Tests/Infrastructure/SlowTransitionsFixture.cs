using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Options;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>
/// A server, in memory, whose consumers stay CREATING or DELETING, whose deleted streams stay DELETING and whose
/// resharded streams stay UPDATING for an hour, so the in-between states can be observed without racing a timer.
/// </summary>
public sealed class SlowTransitionsFixture : IAsyncLifetime
{
    public static readonly TimeSpan Delay = TimeSpan.FromHours(1);

    private WebApplication? _app;

    public KinesisHttp Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = KinesisServer.Build(
            new KinesisHostOptions { Port = 0, InMemory = true, ControlPlaneLimits = false, DeleteStreamDelayMs = (int)Delay.TotalMilliseconds, UpdateStreamDelayMs = (int)Delay.TotalMilliseconds },
            configureServices: services => services.PostConfigure<KinesisServiceOptions>(options => options.ConsumerTransitionDelay = Delay));
        await _app.StartAsync();
        Http = new KinesisHttp(KinesisServer.Endpoint(_app), new Version(1, 1));
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
