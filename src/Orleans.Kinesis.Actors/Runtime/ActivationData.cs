using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Diagnostics;
using Orleans.Kinesis.Actors.Scheduling;
using Orleans.Kinesis.Actors.State;
using Orleans.Kinesis.Actors.Timers;

namespace Orleans.Kinesis.Actors.Runtime;

/// <summary>
/// One activation: ties together the grain instance, its scheduler, its mailbox and its lifecycle.
/// Mailbox and status changes happen under <see cref="_lock"/>; grain code runs only on <see cref="Scheduler"/>.
/// </summary>
internal sealed partial class ActivationData
{
    private readonly Lock _lock = new();
    private readonly ActivationMailbox _mailbox = new();
    private readonly ActivationCatalog _catalog;
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivationStatus _status = ActivationStatus.Activating;
    private DeactivationReason? _deactivationReason;
    private bool _deactivationPosted;
    private long _lastUsed;
    private Grain? _instance;

    public ActivationData(ActivationCatalog catalog, GrainId id, GrainClassInfo grainClass)
    {
        _catalog = catalog;
        Id = id;
        GrainClass = grainClass;
        Scheduler = new ActivationScheduler(catalog.SchedulerServices, id.ToString());
        _lastUsed = catalog.TimeProvider.GetTimestamp();
    }

    public GrainId Id { get; }

    public GrainClassInfo GrainClass { get; }

    public ActivationScheduler Scheduler { get; }

    public Grain Instance => _instance ?? throw new InvalidOperationException("The activation has no grain instance.");

    public IGrainFactory GrainFactory => _catalog.GrainFactory;

    public TimeProvider TimeProvider => _catalog.TimeProvider;

    public ILogger Logger => _catalog.Logger;

    /// <summary>Completes when the activation is gone (deactivated or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Requests plus pending work, used to pick a stateless worker; racy by design.</summary>
    public int Load
    {
        get
        {
            lock (_lock)
            {
                return _status is ActivationStatus.Activating or ActivationStatus.Valid
                    ? _mailbox.Running + _mailbox.PendingCount
                    : int.MaxValue;
            }
        }
    }

    public void Start() => Scheduler.Post(static state => _ = ((ActivationData)state!).ActivateAsync(), this);

    /// <summary>Accepts a request; false when the activation is already gone and the caller must pick another.</summary>
    public bool Enqueue(IActivationRequest request)
    {
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return false;
            }

            if (request.IsGrainCall)
            {
                _lastUsed = _catalog.TimeProvider.GetTimestamp();
            }
            else if (_status == ActivationStatus.Deactivating)
            {
                return true; // the timer is about to be disposed; a tick registered during activation waits for it instead
            }

            if (_status == ActivationStatus.Valid && _mailbox.CanStartNow(request))
            {
                StartLocked(request);
            }
            else
            {
                _mailbox.Enqueue(request);
            }

            return true;
        }
    }

    public void OnRequestCompleted(IActivationRequest request)
    {
        lock (_lock)
        {
            _mailbox.MarkCompleted();
            if (request.IsGrainCall)
            {
                _lastUsed = _catalog.TimeProvider.GetTimestamp();
            }

            if (_status == ActivationStatus.Valid)
            {
                PumpLocked();
            }
            else
            {
                TryPostDeactivationLocked();
            }
        }
    }

    /// <summary>Deactivates once running requests complete; returns when the activation is gone.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        lock (_lock)
        {
            RequestDeactivationLocked(reason);
        }

        return Deactivated;
    }

    public void DeactivateOnIdle()
    {
        lock (_lock)
        {
            RequestDeactivationLocked(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));
        }
    }

    public void TryDeactivateIfIdle(long now, TimeSpan idleTimeout)
    {
        lock (_lock)
        {
            if (_status == ActivationStatus.Valid && _mailbox.IsIdle
                && _catalog.TimeProvider.GetElapsedTime(_lastUsed, now) >= idleTimeout)
            {
                RequestDeactivationLocked(new DeactivationReason(DeactivationReasonCode.IdleTimeout, "The activation was idle."));
            }
        }
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private void RequestDeactivationLocked(DeactivationReason reason)
    {
        if (_status == ActivationStatus.Invalid || _deactivationReason is not null)
        {
            return;
        }

        _deactivationReason = reason;
        if (_status == ActivationStatus.Valid)
        {
            _status = ActivationStatus.Deactivating;
            TryPostDeactivationLocked();
        }
    }

    private void PumpLocked()
    {
        while (_mailbox.TryDequeueRunnable(out var request))
        {
            StartLocked(request);
        }
    }

    private void StartLocked(IActivationRequest request)
    {
        _mailbox.MarkStarted();
        request.Bind(this);
        Scheduler.Post(request);
    }

    private void TryPostDeactivationLocked()
    {
        if (_status == ActivationStatus.Deactivating && _mailbox.Running == 0 && !_deactivationPosted)
        {
            _deactivationPosted = true;
            Scheduler.Post(static state => _ = ((ActivationData)state!).RunDeactivationAsync(), this);
        }
    }

    private async Task ActivateAsync()
    {
        try
        {
            var states = new List<IGrainStateLoader>();
            _instance = GrainConstructionScope.Construct(this, () => GrainClass.Activator.Create(_catalog.Services, Id.Key, states));
            foreach (var state in states)
            {
                await state.ReadStateAsync(_catalog.Stopping);
            }

            await _instance.OnActivateAsync(_catalog.Stopping);
        }
        catch (Exception ex)
        {
            FailActivation(ex);
            return;
        }

        Log.Activated(Logger, Id);
        lock (_lock)
        {
            if (_deactivationReason is not null)
            {
                _status = ActivationStatus.Deactivating;
                TryPostDeactivationLocked();
            }
            else
            {
                _status = ActivationStatus.Valid;
                PumpLocked();
            }
        }
    }

    private void FailActivation(Exception exception)
    {
        Log.ActivationFailed(Logger, Id, exception);
        DisposeTimers();
        List<IActivationRequest> pending;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            pending = _mailbox.DrainPending();
        }

        _catalog.OnActivationRemoved(this);
        foreach (var request in pending)
        {
            request.Reject(exception);
        }

        _deactivated.TrySetResult();
    }

    private async Task RunDeactivationAsync()
    {
        DisposeTimers();
        var reason = _deactivationReason!;
        try
        {
            using var timeout = new CancellationTokenSource(_catalog.Options.DeactivationTimeout, _catalog.TimeProvider);
            await Instance.OnDeactivateAsync(reason, timeout.Token);
        }
        catch (Exception ex)
        {
            Log.DeactivationFailed(Logger, Id, ex);
        }

        List<IActivationRequest> pending;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            pending = _mailbox.DrainPending();
        }

        _catalog.OnActivationRemoved(this);
        Log.Deactivated(Logger, Id, reason.Code);
        foreach (var request in pending)
        {
            if (request.IsGrainCall)
            {
                _catalog.Dispatch(Id, GrainClass, request);
            }
        }

        _deactivated.TrySetResult();
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ActorEventIds.Activated, Level = LogLevel.Debug, Message = "Activated {Activation}.")]
        public static partial void Activated(ILogger logger, GrainId activation);

        [LoggerMessage(EventId = ActorEventIds.Deactivated, Level = LogLevel.Debug, Message = "Deactivated {Activation} ({Reason}).")]
        public static partial void Deactivated(ILogger logger, GrainId activation, DeactivationReasonCode reason);

        [LoggerMessage(EventId = ActorEventIds.ActivationFailed, Level = LogLevel.Warning, Message = "Activation of {Activation} failed.")]
        public static partial void ActivationFailed(ILogger logger, GrainId activation, Exception exception);

        [LoggerMessage(EventId = ActorEventIds.DeactivationFailed, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {Activation} failed.")]
        public static partial void DeactivationFailed(ILogger logger, GrainId activation, Exception exception);
    }
}
