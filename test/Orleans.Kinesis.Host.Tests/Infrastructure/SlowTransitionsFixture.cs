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

    private readonly TestStorage _storage = new();
    private WebApplication? _app;

    public KinesisHttp Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new KinesisHostOptions { Port = 0, ControlPlaneLimits = false, DeleteStreamDelayMs = (int)Delay.TotalMilliseconds, UpdateStreamDelayMs = (int)Delay.TotalMilliseconds };
        await _storage.ApplyAsync(options);
        _app = KinesisServer.Build(
            options,
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

        await _storage.DisposeAsync();
    }
}
