using System.Collections.Concurrent;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

public sealed class GateGrain(TestProbe probe) : Grain, IGateGrain
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TurnGuard _guard = new(probe);
    private int _touches;

    public Task<string> WaitAsync(string tag) => GateAsync(tag);

    public Task<string> InterleavedWaitAsync(string tag) => GateAsync(tag);

    public Task<string[]> GetLogAsync() => Task.FromResult(_log.ToArray());

    public async Task ThrowAfterYieldAsync(string message)
    {
        await Task.Yield();
        var exception = new GrainTestException(message);
        probe.LastThrown = exception;
        throw exception;
    }

    public Task ThrowSynchronouslyAsync(string message)
    {
        var exception = new GrainTestException(message);
        probe.LastThrown = exception;
        throw exception;
    }

    public ValueTask<int> AddAsync(int left, int right) => new(left + right);

    public async ValueTask<int> AddAfterYieldAsync(int left, int right)
    {
        await Task.Yield();
        return left + right;
    }

    public ValueTask TouchAsync()
    {
        _touches++;
        return ValueTask.CompletedTask;
    }

    public Task<string> HelloAsync(string name) => Task.FromResult("hello " + name + " from " + GrainKey);

    public Task<string> GetKeyAsync() => Task.FromResult(GrainKey);

    public Task AdvanceClockAsync(TimeSpan delta)
    {
        probe.Time.Advance(delta);
        return Task.CompletedTask;
    }

    private async Task<string> GateAsync(string tag)
    {
        _guard.Enter();
        _log.Enqueue("start:" + tag);
        _guard.Exit();
        probe.Signal("started:" + tag);
        await probe.WhenSignaled("release:" + tag);
        _guard.Enter();
        _log.Enqueue("end:" + tag);
        _guard.Exit();
        return tag;
    }
}
