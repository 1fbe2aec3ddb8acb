namespace Orleans.Kinesis.Storage.IO;

/// <summary>
/// Dedicated threads for the blocking write-and-fsync work of the shard logs. Running it on the thread pool would
/// park pool threads in fsync and, on a small machine, delay request processing until the pool injects threads;
/// a few dedicated threads keep fsync latency off the request path and let flushes of different logs overlap.
/// An idle thread sleeps on a monitor without spinning first: a flush arrives about once per request, and spinning
/// threads (as <c>BlockingCollection</c>'s semaphore does before it sleeps) took the CPU the requests needed. Work a
/// flush thread queues as its last step (a log's next batch) wakes no other thread when the queue was empty: the
/// thread itself takes it next, without a context switch.
/// </summary>
internal sealed class FlushScheduler : IDisposable
{
    private readonly Queue<(Action<object> Work, object State)> _queue = new();
    private readonly object _gate = new(); // a monitor, for Wait and Pulse
    [ThreadStatic]
    private static FlushScheduler? _runningOn;

    private readonly Thread[] _threads;
    private int _sleeping;
    private bool _disposed;

    public FlushScheduler(int threadCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        _threads = new Thread[threadCount];
        for (var i = 0; i < threadCount; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = "log-flush-" + i };
            _threads[i].Start();
        }
    }

    /// <summary>Threads for the flushes of many logs: enough to overlap several fsyncs, few enough to stay cheap.</summary>
    public static int DefaultThreadCount => Math.Clamp(Environment.ProcessorCount * 2, 4, 16);

    public void Schedule(Action<object> work, object state)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                var takenByThisThread = _queue.Count == 0 && ReferenceEquals(_runningOn, this);
                _queue.Enqueue((work, state));
                if (_sleeping > 0 && !takenByThisThread)
                {
                    Monitor.Pulse(_gate);
                }

                return;
            }
        }

        // After disposal (process shutdown): run the work inline rather than dropping a flush.
        work(state);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Run()
    {
        _runningOn = this;
        while (true)
        {
            (Action<object> Work, object State) item;
            lock (_gate)
            {
                // Work queued before the disposal still runs: the threads leave only once the queue is empty.
                while (!_queue.TryDequeue(out item))
                {
                    if (_disposed)
                    {
                        return;
                    }

                    _sleeping++;
                    Monitor.Wait(_gate);
                    _sleeping--;
                }
            }

            item.Work(item.State);
        }
    }
}
