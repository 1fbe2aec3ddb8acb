using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Timers;

public sealed class GrainTimerTests
{
    // The host's idle collector is always armed: one timer besides the grain's.
    private const int CollectorOnly = 1;
    private const int CollectorAndGrainTimer = 2;

    private static ActorTestHost CreateHost() => ActorTestHost.Create(o => o.IdleTimeout = TimeSpan.FromDays(1));

    [Fact]
    public async Task PeriodicTimer_FiresAtDueTimeThenEveryPeriod()
    {
        await using var host = CreateHost();
        var grain = host.Factory.GetGrain<ITimerGrain>("periodic");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        host.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await grain.GetTicksAsync());
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.Probe.WhenSignaled("tick:1").WithTimeout("first tick");
        await host.Time.WhenArmedTimerCountIs(CollectorAndGrainTimer).WithTimeout("timer re-armed after tick 1");

        host.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, await grain.GetTicksAsync());
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.Probe.WhenSignaled("tick:2").WithTimeout("second tick");
        await host.Time.WhenArmedTimerCountIs(CollectorAndGrainTimer).WithTimeout("timer re-armed after tick 2");
        host.Time.Advance(TimeSpan.FromSeconds(10));
        await host.Probe.WhenSignaled("tick:3").WithTimeout("third tick");

        Assert.Equal(0, host.Probe.Overlaps);
    }

    [Fact]
    public async Task OneShotTimer_FiresOnce()
    {
        await using var host = CreateHost();
        var grain = host.Factory.GetGrain<ITimerGrain>("once");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        host.Time.Advance(TimeSpan.FromSeconds(5));
        await host.Probe.WhenSignaled("tick:1").WithTimeout("the only tick");
        await host.Time.WhenArmedTimerCountIs(CollectorOnly).WithTimeout("one-shot timer not re-armed");
        host.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await grain.GetTicksAsync());
    }

    [Fact]
    public async Task TimerTick_WaitsForTheRunningRequest_InsteadOfInterleaving()
    {
        await using var host = CreateHost();
        var grain = host.Factory.GetGrain<ITimerGrain>("polite");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        var blocking = grain.BlockAsync("a");
        await host.Probe.WhenSignaled("started:a").WithTimeout("blocking request started");

        host.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await grain.GetTicksAsync().WithTimeout("interleaved tick count read"));
        host.Probe.Signal("release:a");
        await blocking.WithTimeout("blocking request completed");
        await host.Probe.WhenSignaled("tick:1").WithTimeout("tick after the request");

        Assert.Equal(0, host.Probe.Overlaps);
    }

    [Fact]
    public async Task DisposedTimer_StopsFiring()
    {
        await using var host = CreateHost();
        var grain = host.Factory.GetGrain<ITimerGrain>("stopped");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        host.Time.Advance(TimeSpan.FromSeconds(5));
        await host.Probe.WhenSignaled("tick:1").WithTimeout("first tick");

        await grain.StopTimerAsync();
        await host.Time.WhenArmedTimerCountIs(CollectorOnly).WithTimeout("timer disarmed");
        host.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await grain.GetTicksAsync());
    }

    [Fact]
    public async Task Deactivation_DisposesTheActivationsTimers()
    {
        await using var host = CreateHost();
        var grain = host.Factory.GetGrain<ITimerGrain>("deactivated");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        Assert.Equal(CollectorAndGrainTimer, host.Time.ArmedTimerCount);

        await grain.DeactivateAsync();
        await host.Probe.WhenSignaled("deactivated:1").WithTimeout("deactivation");
        await host.Time.WhenArmedTimerCountIs(CollectorOnly).WithTimeout("timer disposed on deactivation");
        host.Time.Advance(TimeSpan.FromHours(1));

        Assert.False(host.Probe.IsSignaled("tick:1"));
    }

    [Fact]
    public async Task TimerDueWhileActivating_RunsAfterOnActivateAsync_AndKeepsItsPeriod()
    {
        await using var host = CreateHost();
        var grain = host.Factory.GetGrain<ITimerGrain>("auto-1");
        var firstCall = grain.GetTicksAsync();
        await host.Probe.WhenSignaled("activating:auto-1").WithTimeout("activation registered its timer");

        host.Time.Advance(TimeSpan.Zero);
        Assert.False(host.Probe.IsSignaled("tick:1"));
        host.Probe.Signal("activate:auto-1");
        await firstCall.WithTimeout("first call after activation");
        await host.Probe.WhenSignaled("tick:1").WithTimeout("tick queued during activation");
        await host.Time.WhenArmedTimerCountIs(CollectorAndGrainTimer).WithTimeout("timer re-armed after tick 1");
        host.Time.Advance(TimeSpan.FromSeconds(10));

        await host.Probe.WhenSignaled("tick:2").WithTimeout("second periodic tick");
    }
}
