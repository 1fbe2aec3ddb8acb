using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Actors.Diagnostics;

namespace Orleans.Kinesis.Actors.Scheduling;

/// <summary>
/// The per-activation work queue. Items run one at a time on the thread pool, in bounded quanta,
/// with the activation's <see cref="SynchronizationContext"/> installed so continuations come back here.
/// </summary>
internal sealed partial class ActivationScheduler : IThreadPoolWorkItem
{
    private const int MaxItemsPerQuantum = 64;

    [ThreadStatic]
    private static ActivationScheduler? _running;

    private readonly ConcurrentQueue<WorkItem> _queue = new();
    private readonly ActivationSynchronizationContext _context;
    private readonly SchedulerServices _services;
    private readonly string _owner;
    private int _scheduled;

    public ActivationScheduler(SchedulerServices services, string owner)
    {
        _services = services;
        _owner = owner;
        _context = new ActivationSynchronizationContext(this);
    }

    public bool IsRunningOnCurrentThread => ReferenceEquals(_running, this);

    public void Post(SendOrPostCallback callback, object? state) => Enqueue(new WorkItem(callback, state));

    public void Post(IActivationWorkItem item) => Enqueue(new WorkItem(null, item));

    private void Enqueue(WorkItem item)
    {
        _queue.Enqueue(item);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_context);
        _running = this;
        try
        {
            DrainQuantum();
        }
        finally
        {
            _running = null;
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }

        Volatile.Write(ref _scheduled, 0);
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void DrainQuantum()
    {
        var time = _services.TimeProvider;
        var instruments = _services.Instruments;
        for (var i = 0; i < MaxItemsPerQuantum && _queue.TryDequeue(out var item); i++)
        {
            var started = time.GetTimestamp();
            try
            {
                if (item.Callback is { } callback)
                {
                    callback(item.State);
                }
                else
                {
                    ((IActivationWorkItem)item.State!).Execute();
                }
            }
            catch (Exception ex)
            {
                Log.TurnFailed(_services.Logger, _owner, ex);
            }

            var elapsed = time.GetElapsedTime(started);
            instruments.RecordTurn(elapsed);
            if (elapsed >= _services.LongTurnWarning)
            {
                Log.LongTurn(_services.Logger, _owner, elapsed.TotalMilliseconds);
            }
        }
    }

    private readonly record struct WorkItem(SendOrPostCallback? Callback, object? State);

    private static partial class Log
    {
        [LoggerMessage(EventId = ActorEventIds.LongTurn, Level = LogLevel.Warning, Message = "Turn of activation {Activation} took {ElapsedMilliseconds} ms.")]
        public static partial void LongTurn(ILogger logger, string activation, double elapsedMilliseconds);

        [LoggerMessage(EventId = ActorEventIds.TurnFailed, Level = LogLevel.Error, Message = "A work item of activation {Activation} threw.")]
        public static partial void TurnFailed(ILogger logger, string activation, Exception exception);
    }
}
