using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Hosting;
using Orleans.Kinesis.Actors.Runtime;
using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Infrastructure;

/// <summary>One actor host per test, on fake time, with every test grain registered.</summary>
public sealed class ActorTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ActorTestHost(Action<ActorHostOptions>? configure)
    {
        Time = new FakeTimeProvider();
        Probe = new TestProbe(Time);
        Storage = new InMemoryGrainStorage();
        Logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Probe);
        services.AddSingleton<Orleans.Kinesis.Actors.State.IGrainStorage>(Storage);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddActorHost(configure)
            .AddGrain<ICounterGrain, CounterGrain>()
            .AddGrain<IOrderGrain, OrderGrain>()
            .AddGrain<IGateGrain, GateGrain>()
            .AddGrain<IReentrantGateGrain, ReentrantGateGrain>()
            .AddGrain<ILifecycleGrain, LifecycleGrain>()
            .AddGrain<IFailingActivationGrain, FailingActivationGrain>()
            .AddGrain<IProfileGrain, ProfileGrain>()
            .AddGrain<ITimerGrain, TimerGrain>()
            .AddGrain<IWorkerGrain, WorkerGrain>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Factory = _services.GetRequiredService<IGrainFactory>();
    }

    public FakeTimeProvider Time { get; }

    public TestProbe Probe { get; }

    public InMemoryGrainStorage Storage { get; }

    public CapturingLoggerProvider Logs { get; }

    public IGrainFactory Factory { get; }

    public IServiceProvider Services => _services;

    internal ActivationCatalog Catalog => _services.GetRequiredService<ActivationCatalog>();

    public static ActorTestHost Create(Action<ActorHostOptions>? configure = null) => new(configure);

    public Task StopAsync() => _services.GetRequiredService<IHostedService>().StopAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
