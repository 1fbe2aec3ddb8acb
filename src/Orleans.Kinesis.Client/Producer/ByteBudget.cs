namespace Orleans.Kinesis.Client.Producer;

/// <summary>Bounds the bytes outstanding in the producer; callers wait (FIFO) for room.</summary>
internal sealed class ByteBudget(long capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<(long Bytes, TaskCompletionSource Waiter)> _waiters = new();
    private long _used;

    public long Used
    {
        get
        {
            lock (_lock)
            {
                return _used;
            }
        }
    }

    public ValueTask AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        bytes = Math.Min(bytes, capacity);
        lock (_lock)
        {
            if (_waiters.Count == 0 && _used + bytes <= capacity)
            {
                _used += bytes;
                return ValueTask.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((bytes, waiter));
            return new ValueTask(waiter.Task.WaitAsync(cancellationToken));
        }
    }

    public void Release(long bytes)
    {
        bytes = Math.Min(bytes, capacity);
        List<TaskCompletionSource>? ready = null;
        lock (_lock)
        {
            _used -= bytes;
            while (_waiters.TryPeek(out var head) && _used + head.Bytes <= capacity)
            {
                _waiters.Dequeue();
                if (head.Waiter.Task.IsCompleted)
                {
                    continue;
                }

                _used += head.Bytes;
                (ready ??= []).Add(head.Waiter);
            }
        }

        ready?.ForEach(static w => w.TrySetResult());
    }
}
