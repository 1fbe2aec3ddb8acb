namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>
/// System time plus an offset a test can move forward, so expiry (iterators, page tokens) is tested without waiting.
/// Timers still run on real time.
/// </summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;
    private long _frozenTicks; // 0: not frozen

    public void Shift(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Stops the clock at the current time (shifts still move it), so rate tests count exactly.</summary>
    public void Freeze() => Interlocked.Exchange(ref _frozenTicks, System.GetUtcNow().UtcTicks);

    public override DateTimeOffset GetUtcNow()
    {
        var frozen = Interlocked.Read(ref _frozenTicks);
        var now = frozen == 0 ? System.GetUtcNow() : new DateTimeOffset(frozen, TimeSpan.Zero);
        return now.AddTicks(Interlocked.Read(ref _offsetTicks));
    }
}
