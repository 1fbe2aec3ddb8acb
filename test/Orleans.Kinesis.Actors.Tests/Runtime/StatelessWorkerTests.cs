using Orleans.Kinesis.Actors.Tests.Grains;
using Orleans.Kinesis.Actors.Tests.Infrastructure;
using Orleans.Kinesis.TestKit;

namespace Orleans.Kinesis.Actors.Tests.Runtime;

public sealed class StatelessWorkerTests
{
    [Fact]
    public async Task SequentialCalls_ReuseOneIdleWorker()
    {
        await using var host = ActorTestHost.Create();
        var worker = host.Factory.GetGrain<IWorkerGrain>("pool");

        var ids = new HashSet<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await worker.QuickAsync());
        }

        Assert.Single(ids);
        Assert.Equal(1, host.Probe.Activations);
    }

    [Fact]
    public async Task ConcurrentBusyCalls_GrowThePoolUpToItsBound_AndQueueTheRest()
    {
        await using var host = ActorTestHost.Create();
        var worker = host.Factory.GetGrain<IWorkerGrain>("pool");

        var first = worker.WorkAsync("1");
        var second = worker.WorkAsync("2");
        var third = worker.WorkAsync("3");
        await host.Probe.WhenSignaled("started:1").WithTimeout("first worker call started");
        await host.Probe.WhenSignaled("started:2").WithTimeout("second worker call started in parallel");

        Assert.Equal(2, host.Probe.Activations);
        Assert.False(host.Probe.IsSignaled("started:3"));
        host.Probe.Signal("release");
        var ids = await Task.WhenAll(first, second, third).WithTimeout("worker calls completed");

        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(2, host.Probe.Activations);
        Assert.Equal(0, host.Probe.Overlaps);
    }
}
