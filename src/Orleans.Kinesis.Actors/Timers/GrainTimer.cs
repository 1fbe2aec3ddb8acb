using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Diagnostics;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Timers;

/// <summary>
/// A grain timer. Each tick is queued in the activation's mailbox like a non-reentrant request, so its
/// callback never interleaves with other non-reentrant work; the next period starts after the callback completes.
/// </summary>
internal sealed partial class GrainTimer : IActivationRequest, IDisposable
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _disposal = new();
    private readonly Action _onCallbackCompleted;
    private ITimer? _timer;
    private Task? _pending;
    private volatile bool _disposed;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ValidateSpan(dueTime, nameof(dueTime));
        ValidateSpan(period, nameof(period));
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
        _onCallbackCompleted = OnCallbackCompleted;
    }

    public bool Interleave => false;

    public bool IsGrainCall => false;

    public void Start() =>
        _timer = _activation.TimeProvider.CreateTimer(static state => ((GrainTimer)state!).OnDue(), this, _dueTime, Timeout.InfiniteTimeSpan);

    public void Bind(ActivationData activation)
    {
    }

    public void Reject(Exception exception)
    {
    }

    public void Execute()
    {
        if (_disposed)
        {
            _activation.OnRequestCompleted(this);
            return;
        }

        Task task;
        try
        {
            task = _callback(_disposal.Token);
        }
        catch (Exception ex)
        {
            Log.CallbackFailed(_activation.Logger, _activation.Id, ex);
            Finish();
            return;
        }

        if (task.IsCompleted)
        {
            Observe(task);
            Finish();
            return;
        }

        _pending = task;
        task.ConfigureAwait(true).GetAwaiter().UnsafeOnCompleted(_onCallbackCompleted);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _timer?.Dispose();
        _disposal.Cancel();
        _activation.RemoveTimer(this);
    }

    private void OnDue()
    {
        if (!_disposed)
        {
            _activation.Enqueue(this);
        }
    }

    private void OnCallbackCompleted()
    {
        var task = _pending!;
        _pending = null;
        Observe(task);
        Finish();
    }

    private void Observe(Task task)
    {
        if (task.IsFaulted && !_disposed)
        {
            Log.CallbackFailed(_activation.Logger, _activation.Id, task.Exception.GetBaseException());
        }
    }

    private void Finish()
    {
        _activation.OnRequestCompleted(this);
        if (!_disposed && _period != Timeout.InfiniteTimeSpan)
        {
            _timer?.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }

    private static void ValidateSpan(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ActorEventIds.TimerCallbackFailed, Level = LogLevel.Warning, Message = "A timer callback of {Activation} failed.")]
        public static partial void CallbackFailed(ILogger logger, GrainId activation, Exception exception);
    }
}
