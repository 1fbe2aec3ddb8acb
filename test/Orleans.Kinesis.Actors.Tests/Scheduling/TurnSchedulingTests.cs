using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Scheduling;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task ManyConcurrentCallers_NonAtomicCounter_CountsEveryCallWithoutOverlappingTurns()
    {
        await using var host = ActorTestHost.Create();
        const int Callers = 64;
        const int CallsPerCaller = 200;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                await start.Task;
                var grain = host.Factory.GetGrain<ICounterGrain>("shared");
                for (var i = 0; i < CallsPerCaller; i++)
                {
                    await grain.IncrementAsync();
                }
            });
        }

        start.SetResult();
        await Task.WhenAll(callers).WithTimeout("all callers finished");

        Assert.Equal(Callers * CallsPerCaller, await host.Factory.GetGrain<ICounterGrain>("shared").GetAsync());
        Assert.Equal(0, host.Probe.Overlaps);
    }

    [Fact]
    public async Task CallsFromOneCaller_RunInTheOrderTheyWereMade()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IOrderGrain>("fifo");
        var calls = new Task[500];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = grain.AppendAsync(i);
        }

        await Task.WhenAll(calls).WithTimeout("appends completed");

        Assert.Equal(Enumerable.Range(0, calls.Length), await grain.GetAsync());
    }

    [Fact]
    public async Task NonReentrantGrain_SecondCallWaitsWhileFirstIsSuspended()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IGateGrain>("non-reentrant");

        var first = grain.WaitAsync("a");
        await host.Probe.WhenSignaled("started:a").WithTimeout("first call started");
        var second = grain.WaitAsync("b");

        // An interleaving read runs while "a" is suspended; "b" must not have started.
        Assert.Equal(["start:a"], await grain.GetLogAsync().WithTimeout("log read while a is suspended"));
        Assert.False(second.IsCompleted);

        host.Probe.Signal("release:a");
        Assert.Equal("a", await first.WithTimeout("first call completed"));
        await host.Probe.WhenSignaled("started:b").WithTimeout("second call started after the first");
        host.Probe.Signal("release:b");
        Assert.Equal("b", await second.WithTimeout("second call completed"));

        Assert.Equal(["start:a", "end:a", "start:b", "end:b"], await grain.GetLogAsync());
        Assert.Equal(0, host.Probe.Overlaps);
    }

    [Fact]
    public async Task AlwaysInterleaveMethod_StartsWhileAnotherRequestIsSuspended()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IGateGrain>("interleave");

        var normal = grain.WaitAsync("a");
        await host.Probe.WhenSignaled("started:a").WithTimeout("normal call started");
        var interleaved = grain.InterleavedWaitAsync("b");
        await host.Probe.WhenSignaled("started:b").WithTimeout("interleaving call started while a is suspended");

        host.Probe.Signal("release:b");
        await interleaved.WithTimeout("interleaving call completed");
        Assert.False(normal.IsCompleted);
        host.Probe.Signal("release:a");
        await normal.WithTimeout("normal call completed");

        Assert.Equal(["start:a", "start:b", "end:b", "end:a"], await grain.GetLogAsync());
        Assert.Equal(0, host.Probe.Overlaps);
    }

    [Fact]
    public async Task ReentrantGrain_InterleavesRequestsButNeverRunsThemInParallel()
    {
        await using var host = ActorTestHost.Create();
        var grain = host.Factory.GetGrain<IReentrantGateGrain>("reentrant");

        var first = grain.WaitAsync("a");
        await host.Probe.WhenSignaled("started:a").WithTimeout("first call started");
        var second = grain.WaitAsync("b");
        await host.Probe.WhenSignaled("started:b").WithTimeout("second call started while first suspended");

        var spinners = Enumerable.Range(0, 32).Select(_ => Task.Run(() => grain.SpinAsync(50))).ToArray();
        await Task.WhenAll(spinners).WithTimeout("spinning calls completed");
        host.Probe.Signal("release:a");
        host.Probe.Signal("release:b");
        await Task.WhenAll(first, second).WithTimeout("gated calls completed");

        Assert.True(await grain.GetMaxInFlightAsync() >= 2);
        Assert.Equal(0, host.Probe.Overlaps);
    }
}
