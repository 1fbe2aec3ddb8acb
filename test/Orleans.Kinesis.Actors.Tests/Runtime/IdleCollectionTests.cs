using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Runtime;

public sealed class IdleCollectionTests
{
    [Fact]
    public async Task ActivationIdleForIdleTimeout_IsDeactivated_AndTheNextCallActivatesAgain()
    {
        await using var host = ActorTestHost.Create(o =>
        {
            o.IdleTimeout = TimeSpan.FromMinutes(10);
            o.CollectionInterval = TimeSpan.FromMinutes(1);
        });
        var grain = host.Factory.GetGrain<ILifecycleGrain>("idle");
        var before = await grain.GetInstanceAsync();

        host.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(host.Probe.IsSignaled("deactivated:1"));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Probe.WhenSignaled("deactivated:1").WithTimeout("idle deactivation");

        Assert.Equal([DeactivationReasonCode.IdleTimeout], host.Probe.DeactivationReasons);
        Assert.NotEqual(before, await grain.GetInstanceAsync());
        Assert.Equal(2, host.Probe.Activations);
    }

    [Fact]
    public async Task ActivationCalledWithinIdleTimeout_IsKeptAlive()
    {
        await using var host = ActorTestHost.Create(o =>
        {
            o.IdleTimeout = TimeSpan.FromMinutes(10);
            o.CollectionInterval = TimeSpan.FromMinutes(1);
        });
        var grain = host.Factory.GetGrain<ILifecycleGrain>("busy");
        var before = await grain.GetInstanceAsync();

        host.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(before, await grain.GetInstanceAsync());
        host.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(host.Probe.IsSignaled("deactivated:1"));
        Assert.Equal(before, await grain.GetInstanceAsync());

        Assert.Equal(1, host.Probe.Activations);
    }
}
