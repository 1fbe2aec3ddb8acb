using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

/// <summary>A non-atomic read-modify-write across awaits: correct only if requests never interleave.</summary>
public sealed class CounterGrain(TestProbe probe) : Grain, ICounterGrain
{
    private readonly TurnGuard _guard = new(probe);
    private int _count;
    private int _requestsInFlight;

    public async Task<int> IncrementAsync()
    {
        if (Interlocked.Increment(ref _requestsInFlight) != 1)
        {
            probe.RecordOverlap();
        }

        _guard.Enter();
        var value = _count;
        _guard.Exit();
        await Task.Yield();
        _guard.Enter();
        _count = value + 1;
        _guard.Exit();
        await Task.Yield();
        Interlocked.Decrement(ref _requestsInFlight);
        return value + 1;
    }

    public Task<int> GetAsync() => Task.FromResult(_count);
}
