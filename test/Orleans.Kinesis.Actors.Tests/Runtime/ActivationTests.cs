using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Runtime;

public sealed class ActivationTests
{
    [Fact]
    public async Task RacingFirstCalls_CreateExactlyOneActivation()
    {
        await using var host = ActorTestHost.Create();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await host.Factory.GetGrain<ILifecycleGrain>("racy").GetInstanceAsync();
            }))
            .ToArray();

        start.SetResult();
        var instances = await Task.WhenAll(calls).WithTimeout("racing first calls completed");

        Assert.Single(instances.Distinct());
        Assert.Equal(1, host.Probe.Activations);
        Assert.Equal(1, host.Catalog.ActivationCount);
    }

    [Fact]
    public async Task SameKeyDifferentInterfaces_AreDifferentGrains_AndKeysAreVisibleToTheGrain()
    {
        await using var host = ActorTestHost.Create();

        Assert.Equal("k1", await host.Factory.GetGrain<IGateGrain>("k1").GetKeyAsync());
        Assert.Equal("k2", await host.Factory.GetGrain<IGateGrain>("k2").GetKeyAsync());
        await host.Factory.GetGrain<ILifecycleGrain>("k1").GetInstanceAsync();

        Assert.Equal(3, host.Catalog.ActivationCount);
    }

    [Fact]
    public async Task MethodInheritedFromABaseInterface_IsDispatchedToTheGrain()
    {
        await using var host = ActorTestHost.Create();
        IGreeter greeter = host.Factory.GetGrain<IGateGrain>("g");

        Assert.Equal("hello ann from g", await greeter.HelloAsync("ann"));
    }

    [Fact]
    public async Task ExceptionThrownAfterAnAwait_ReachesTheCallerUnchanged()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IGateGrain>("throws");

        var thrown = await Assert.ThrowsAsync<GrainTestException>(() => grain.ThrowAfterYieldAsync("boom"));

        Assert.Same(host.Probe.LastThrown, thrown);
        Assert.Equal("boom", thrown.Message);
    }

    [Fact]
    public async Task ExceptionThrownSynchronously_ReachesTheCallerUnchanged_AndTheGrainKeepsWorking()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IGateGrain>("throws-sync");

        var thrown = await Assert.ThrowsAsync<GrainTestException>(() => grain.ThrowSynchronouslyAsync("sync boom"));

        Assert.Same(host.Probe.LastThrown, thrown);
        Assert.Equal(5, await grain.AddAsync(2, 3));
    }

    [Fact]
    public async Task ValueTaskMethods_ReturnResultsWhetherCompletedSynchronouslyOrNot()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IGateGrain>("value-tasks");

        Assert.Equal(7, await grain.AddAsync(3, 4));
        Assert.Equal(9, await grain.AddAfterYieldAsync(4, 5));
        await grain.TouchAsync();
    }

    [Fact]
    public async Task FailingOnActivateAsync_FaultsTheCall_LeavesNoActivation_AndTheNextCallActivatesAgain()
    {
        await using var host = ActorTestHost.Create();
        host.Probe.FailNextActivations(1);
        var grain = host.Factory.GetGrain<IFailingActivationGrain>("fragile");

        var thrown = await Assert.ThrowsAsync<GrainTestException>(() => grain.PingAsync());

        Assert.Equal("activation failed: fragile", thrown.Message);
        Assert.Equal(0, host.Catalog.ActivationCount);
        Assert.Equal(0, host.Probe.Deactivations);
        Assert.Equal("pong", await grain.PingAsync().WithTimeout("call after a failed activation"));
        Assert.Equal(2, host.Probe.Activations);
    }

    [Fact]
    public async Task FailingOnActivateAsync_FaultsEveryQueuedCallWithTheSameException()
    {
        await using var host = ActorTestHost.Create();
        host.Probe.FailNextActivations(1);
        var grain = host.Factory.GetGrain<IFailingActivationGrain>("gated-many");

        var calls = Enumerable.Range(0, 5).Select(_ => grain.PingAsync()).ToArray();
        host.Probe.Signal("activate:gated-many");

        var first = await Assert.ThrowsAsync<GrainTestException>(() => calls[0].WithTimeout("first queued call faulted"));
        foreach (var call in calls)
        {
            Assert.Same(first, await Assert.ThrowsAsync<GrainTestException>(() => call.WithTimeout("queued call faulted")));
        }

        Assert.Equal(1, host.Probe.Activations);
        Assert.Equal(0, host.Catalog.ActivationCount);
    }

    [Fact]
    public async Task DeactivateOnIdle_DeactivatesAfterTheCurrentCall_AndTheNextCallGetsAFreshActivation()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<ILifecycleGrain>("short-lived");
        var before = await grain.GetInstanceAsync();

        await grain.DeactivateAsync();
        await host.Probe.WhenSignaled("deactivated:1").WithTimeout("deactivation after DeactivateOnIdle");
        var after = await grain.GetInstanceAsync();

        Assert.NotEqual(before, after);
        Assert.Equal([DeactivationReasonCode.ApplicationRequested], host.Probe.DeactivationReasons);
        Assert.Equal(2, host.Probe.Activations);
    }

    [Fact]
    public async Task CallsQueuedBehindADeactivatingRequest_RunOnTheNextActivation()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<ILifecycleGrain>("forwarded");
        var deactivating = grain.DeactivateThenBlockAsync("a");
        await host.Probe.WhenSignaled("started:a").WithTimeout("deactivating call started");
        var queued = grain.GetInstanceAsync();

        host.Probe.Signal("release:a");
        var first = await deactivating.WithTimeout("deactivating call completed");
        var second = await queued.WithTimeout("queued call forwarded to a new activation");

        Assert.NotEqual(first, second);
        Assert.True(host.Probe.IsSignaled("deactivated:1"));
        Assert.Equal(2, host.Probe.Activations);
        Assert.Equal(1, host.Catalog.ActivationCount);
    }
}
