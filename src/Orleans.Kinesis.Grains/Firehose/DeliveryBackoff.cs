namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// Exponential back-off of one delivery stream whose deliveries keep failing: after the n-th failure in a row the
/// next attempt waits <c>min(first · 2^(n-1), max)</c>. A success resets it. Only a failure that lengthens the wait
/// is worth a log line, so a stream stuck at the longest wait logs once per step, not once per attempt.
/// </summary>
public sealed class DeliveryBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private TimeSpan _wait;
    private DateTimeOffset _nextAttempt;

    public DeliveryBackoff(TimeSpan first, TimeSpan max)
    {
        _first = first;
        _max = max;
    }

    public int ConsecutiveFailures { get; private set; }

    public TimeSpan Wait => _wait;

    public bool IsDue(DateTimeOffset now) => ConsecutiveFailures == 0 || now >= _nextAttempt;

    /// <summary>Records a failure at <paramref name="now"/>; true when the wait grew (a new back-off step).</summary>
    public bool Failed(DateTimeOffset now)
    {
        ConsecutiveFailures++;
        var previous = _wait;
        _wait = ConsecutiveFailures == 1 ? _first : TimeSpan.FromTicks(Math.Min(_max.Ticks, _wait.Ticks * 2));
        _nextAttempt = now + _wait;
        return _wait != previous;
    }

    public void Succeeded()
    {
        ConsecutiveFailures = 0;
        _wait = TimeSpan.Zero;
    }
}
