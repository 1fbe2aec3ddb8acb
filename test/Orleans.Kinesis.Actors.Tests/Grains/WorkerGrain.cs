using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

[StatelessWorker(2)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private readonly Guid _instance = Guid.NewGuid();
    private readonly TestProbe _probe;
    private int _inFlight;

    public WorkerGrain(TestProbe probe)
    {
        _probe = probe;
        probe.RecordActivation();
    }

    public async Task<Guid> WorkAsync(string tag)
    {
        if (Interlocked.Increment(ref _inFlight) != 1)
        {
            _probe.RecordOverlap();
        }

        _probe.Signal("started:" + tag);
        await _probe.WhenSignaled("release");
        Interlocked.Decrement(ref _inFlight);
        return _instance;
    }

    public async Task<Guid> QuickAsync()
    {
        await Task.Yield();
        return _instance;
    }
}
