using Orleans.Kinesis.Actors.Tests.Infrastructure;

namespace Orleans.Kinesis.Actors.Tests.Grains;

/// <summary>Detects two pieces of one activation's code running at the same time.</summary>
public sealed class TurnGuard(TestProbe probe)
{
    private int _inside;

    public void Enter()
    {
        if (Interlocked.Exchange(ref _inside, 1) != 0)
        {
            probe.RecordOverlap();
        }

        Thread.SpinWait(20);
    }

    public void Exit() => Volatile.Write(ref _inside, 0);
}
