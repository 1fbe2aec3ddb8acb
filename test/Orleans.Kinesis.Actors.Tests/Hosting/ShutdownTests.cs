using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task StopAsync_DeactivatesEveryActivation_AwaitingOnDeactivateAsync()
    {
        await using var host = ActorTestHost.Create();
        foreach (var key in new[] { "a", "b", "c" })
        {
            await host.Factory.GetGrain<ILifecycleGrain>(key).GetInstanceAsync();
        }

        await host.StopAsync().WithTimeout("host stopped");

        Assert.Equal(3, host.Probe.Deactivations);
        Assert.All(host.Probe.DeactivationReasons, reason => Assert.Equal(DeactivationReasonCode.ShuttingDown, reason));
        Assert.Equal(0, host.Catalog.ActivationCount);
    }

    [Fact]
    public async Task CallsAfterStop_AreRejectedWithObjectDisposedException()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<ILifecycleGrain>("late");
        await grain.GetInstanceAsync();

        await host.StopAsync().WithTimeout("host stopped");

        await Assert.ThrowsAsync<ObjectDisposedException>(() => grain.GetInstanceAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => host.Factory.GetGrain<ILifecycleGrain>("new").GetInstanceAsync());
    }

    [Fact]
    public async Task StopAsync_LetsTheRunningRequestFinishBeforeDeactivating()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<ILifecycleGrain>("busy");
        var running = grain.BlockAsync("a");
        await host.Probe.WhenSignaled("started:a").WithTimeout("request started");

        var stopping = host.StopAsync();
        Assert.False(stopping.IsCompleted);
        host.Probe.Signal("release:a");
        await stopping.WithTimeout("host stopped after the request");

        Assert.Equal("a", await running);
        Assert.Equal(["end:a", "deactivate:busy"], host.Probe.Events);
    }
}
