namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>
/// System time plus an offset a test can move forward, so expiry (iterators, page tokens) is tested without waiting.
/// Timers still run on real time.
/// </summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Shift(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
