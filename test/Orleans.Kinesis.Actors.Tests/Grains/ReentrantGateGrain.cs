using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

[Reentrant]
public sealed class ReentrantGateGrain(TestProbe probe) : Grain, IReentrantGateGrain
{
    private readonly TurnGuard _guard = new(probe);
    private int _inFlight;
    private int _maxInFlight;

    public async Task<string> WaitAsync(string tag)
    {
        Begin();
        probe.Signal("started:" + tag);
        await probe.WhenSignaled("release:" + tag);
        End();
        return tag;
    }

    public async Task SpinAsync(int yields)
    {
        Begin();
        for (var i = 0; i < yields; i++)
        {
            _guard.Enter();
            _guard.Exit();
            await Task.Yield();
        }

        End();
    }

    public Task<int> GetMaxInFlightAsync() => Task.FromResult(_maxInFlight);

    private void Begin()
    {
        _guard.Enter();
        _inFlight++;
        _maxInFlight = Math.Max(_maxInFlight, _inFlight);
        _guard.Exit();
    }

    private void End()
    {
        _guard.Enter();
        _inFlight--;
        _guard.Exit();
    }
}
