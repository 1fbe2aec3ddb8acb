using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

/// <summary>Counts timer ticks; a tick that runs while a request is in flight counts as an overlap.</summary>
public sealed class TimerGrain(TestProbe probe) : Grain, ITimerGrain
{
    private IDisposable? _timer;
    private int _ticks;
    private bool _requestInFlight;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (GrainKey.StartsWith("auto-", StringComparison.Ordinal))
        {
            _timer = RegisterGrainTimer(OnTickAsync, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            probe.Signal("activating:" + GrainKey);
            await probe.WhenSignaled("activate:" + GrainKey);
        }
    }

    public Task StartTimerAsync(TimeSpan dueTime, TimeSpan period)
    {
        _timer = RegisterGrainTimer(OnTickAsync, dueTime, period);
        return Task.CompletedTask;
    }

    public Task StopTimerAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<string> BlockAsync(string tag)
    {
        _requestInFlight = true;
        probe.Signal("started:" + tag);
        await probe.WhenSignaled("release:" + tag);
        _requestInFlight = false;
        return tag;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.RecordDeactivation(reason.Code);
        return Task.CompletedTask;
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (_requestInFlight)
        {
            probe.RecordOverlap();
        }

        await Task.Yield();
        _ticks++;
        probe.Signal("tick:" + _ticks);
    }
}
