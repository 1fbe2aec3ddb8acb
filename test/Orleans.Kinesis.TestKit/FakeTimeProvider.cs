namespace Orleans.Kinesis.TestKit;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>; timers that
/// become due fire synchronously on the advancing thread, in due order. A timer with a zero due time fires
/// on the next <see cref="Advance"/> (including <c>Advance(TimeSpan.Zero)</c>).
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _armedWaiters = [];
    private DateTimeOffset _now;
    private long _sequence;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public FakeTimeProvider(DateTimeOffset start)
    {
        _now = start;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers that are armed (created or changed with a finite due time and not disposed).</summary>
    public int ArmedTimerCount
    {
        get
        {
            lock (_lock)
            {
                return ArmedTimerCountLocked();
            }
        }
    }

    /// <summary>Completes once exactly <paramref name="count"/> timers are armed (e.g. after a timer re-arms itself).</summary>
    public Task WhenArmedTimerCountIs(int count)
    {
        lock (_lock)
        {
            if (ArmedTimerCountLocked() == count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _armedWaiters.Add((count, signal));
            return signal.Task;
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>
    /// A timer armed with a due time of more than zero and at most this runs on the system clock: Orleans' stream
    /// pulling agents poll their queues on grain timers re-armed every few milliseconds, and must keep delivering
    /// while a test's clock stands still. Zero (the default): every timer follows this clock.
    /// </summary>
    public TimeSpan RealTimeDueTimesUpTo { get; init; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that becomes due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        while (true)
        {
            FakeTimer? due = null;
            lock (_lock)
            {
                foreach (var timer in _timers)
                {
                    if (timer.DueAt is { } at && at <= target
                        && (due is null || at < due.DueAt || (at == due.DueAt && timer.Sequence < due.Sequence)))
                    {
                        due = timer;
                    }
                }

                if (due is null)
                {
                    _now = target;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt!.Value;
                }

                due.DueAt = due.Period is { } period ? _now + period : null;
                due.Sequence = ++_sequence;
                ReleaseArmedWaitersLocked();
            }

            due.Fire();
        }
    }

    private void Change(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            timer.Sequence = ++_sequence;
            ReleaseArmedWaitersLocked();
        }
    }

    private void Remove(FakeTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            ReleaseArmedWaitersLocked();
        }
    }

    private int ArmedTimerCountLocked()
    {
        var count = 0;
        foreach (var timer in _timers)
        {
            if (timer.DueAt is not null)
            {
                count++;
            }
        }

        return count;
    }

    private void ReleaseArmedWaitersLocked()
    {
        if (_armedWaiters.Count == 0)
        {
            return;
        }

        var armed = ArmedTimerCountLocked();
        for (var i = _armedWaiters.Count - 1; i >= 0; i--)
        {
            if (_armedWaiters[i].Count == armed)
            {
                _armedWaiters[i].Signal.TrySetResult();
                _armedWaiters.RemoveAt(i);
            }
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;
        private ITimer? _real;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            if (dueTime > TimeSpan.Zero && dueTime <= owner.RealTimeDueTimesUpTo
                && (period == Timeout.InfiniteTimeSpan || period <= owner.RealTimeDueTimesUpTo))
            {
                owner.Change(this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _real ??= System.CreateTimer(static timer => ((FakeTimer)timer!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return _real.Change(dueTime, period);
            }

            _real?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            owner.Change(this, dueTime, period);
            return true;
        }

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _real?.Dispose();
            owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
