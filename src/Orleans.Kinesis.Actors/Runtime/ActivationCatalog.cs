using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Core;
using Orleans.Kinesis.Actors.Diagnostics;
using Orleans.Kinesis.Actors.Hosting;
using Orleans.Kinesis.Actors.Scheduling;

namespace Orleans.Kinesis.Actors.Runtime;

/// <summary>
/// The host's activation directory: finds or creates the activation for a grain id (exactly one per id,
/// or a bounded pool for stateless workers), collects idle activations and deactivates everything on shutdown.
/// </summary>
internal sealed partial class ActivationCatalog : IDisposable
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workerPools = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ActorInstruments _instruments;
    private readonly ITimer _collector;
    private IGrainFactory? _grainFactory;
    private volatile bool _stopped;

    public ActivationCatalog(
        IServiceProvider services,
        IOptions<ActorHostOptions> options,
        TimeProvider timeProvider,
        ILogger<ActivationCatalog> logger,
        ActorInstruments instruments)
    {
        Services = services;
        Options = options.Value;
        TimeProvider = timeProvider;
        Logger = logger;
        _instruments = instruments;
        SchedulerServices = new SchedulerServices(timeProvider, logger, instruments, Options.LongTurnWarning);
        _collector = timeProvider.CreateTimer(
            static state => ((ActivationCatalog)state!).CollectIdle(), this, Options.CollectionInterval, Options.CollectionInterval);
    }

    public IServiceProvider Services { get; }

    public ActorHostOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public SchedulerServices SchedulerServices { get; }

    public CancellationToken Stopping => _stopping.Token;

    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    /// <summary>Number of live activations (including stateless workers).</summary>
    public int ActivationCount
    {
        get
        {
            var count = _activations.Count;
            foreach (var pool in _workerPools.Values)
            {
                count += pool.Count;
            }

            return count;
        }
    }

    public void Dispatch(GrainId id, GrainClassInfo grainClass, IActivationRequest request)
    {
        while (true)
        {
            if (_stopped)
            {
                request.Reject(new ObjectDisposedException(nameof(ActivationCatalog), "The actor host is shutting down."));
                return;
            }

            if (grainClass.IsStatelessWorker)
            {
                var pool = _workerPools.GetOrAdd(id, static (key, arg) => new StatelessWorkerPool(arg.Catalog, key, arg.GrainClass), (Catalog: this, GrainClass: grainClass));
                var worker = pool.Select();
                if (worker.Enqueue(request))
                {
                    return;
                }

                pool.Remove(worker);
                continue;
            }

            var activation = GetOrCreate(id, grainClass);
            if (activation.Enqueue(request))
            {
                return;
            }

            // The activation is gone; make sure it left the directory, then retry with a fresh one.
            _activations.TryRemove(KeyValuePair.Create(id, activation));
        }
    }

    public ActivationData CreateActivation(GrainId id, GrainClassInfo grainClass)
    {
        var activation = new ActivationData(this, id, grainClass);
        _instruments.ActivationAdded();
        activation.Start();
        return activation;
    }

    public void OnActivationRemoved(ActivationData activation)
    {
        if (activation.GrainClass.IsStatelessWorker)
        {
            if (_workerPools.TryGetValue(activation.Id, out var pool))
            {
                pool.Remove(activation);
            }
        }
        else
        {
            _activations.TryRemove(KeyValuePair.Create(activation.Id, activation));
        }

        _instruments.ActivationRemoved();
    }

    /// <summary>Rejects new calls and deactivates every activation, awaiting OnDeactivateAsync.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        Log.ShuttingDown(Logger, ActivationCount);
        _collector.Dispose();
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The actor host is shutting down.");
        while (true)
        {
            var pending = new List<Task>();
            foreach (var activation in EnumerateActivations())
            {
                pending.Add(activation.DeactivateAsync(reason));
            }

            if (pending.Count == 0)
            {
                break;
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }

        await _stopping.CancelAsync();
    }

    public void Dispose()
    {
        _stopped = true;
        _collector.Dispose();
        _stopping.Dispose();
    }

    private ActivationData GetOrCreate(GrainId id, GrainClassInfo grainClass)
    {
        if (_activations.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var created = new ActivationData(this, id, grainClass);
        var winner = _activations.GetOrAdd(id, created);
        if (ReferenceEquals(winner, created))
        {
            _instruments.ActivationAdded();
            created.Start();
        }

        return winner;
    }

    private void CollectIdle()
    {
        var now = TimeProvider.GetTimestamp();
        foreach (var activation in EnumerateActivations())
        {
            activation.TryDeactivateIfIdle(now, Options.IdleTimeout);
        }
    }

    private List<ActivationData> EnumerateActivations()
    {
        var all = new List<ActivationData>(_activations.Values);
        foreach (var pool in _workerPools.Values)
        {
            pool.CopyTo(all);
        }

        return all;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ActorEventIds.ShuttingDown, Level = LogLevel.Information, Message = "Actor host shutting down; deactivating {Count} activations.")]
        public static partial void ShuttingDown(ILogger logger, int count);
    }
}
