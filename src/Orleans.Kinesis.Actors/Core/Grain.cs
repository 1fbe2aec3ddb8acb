using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Core;

/// <summary>
/// Base class of grain implementations. All code of one activation (requests, their continuations, timer
/// callbacks, activation and deactivation hooks) runs one turn at a time on the activation's scheduler.
/// </summary>
public abstract class Grain
{
    private readonly ActivationData? _activation;

    protected Grain()
    {
        _activation = GrainConstructionScope.Current;
    }

    /// <summary>The grain's string key.</summary>
    public string GrainKey => Activation.Id.Key;

    /// <summary>Factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.GrainFactory;

    private ActivationData Activation =>
        _activation ?? throw new InvalidOperationException("This grain was not created by the actor host.");

    /// <summary>Called once, before the first request, after persistent state has been read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once when the activation is deactivated (idle, requested or shutting down).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Registers a timer whose callbacks run as turns of this activation and do not interleave with
    /// non-reentrant requests. The next period starts after the callback's task completes.
    /// <paramref name="period"/> <see cref="Timeout.InfiniteTimeSpan"/> fires once. Disposed on deactivation.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(callback, dueTime, period);
    }

    /// <summary>Deactivates this activation once the current request completes.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateOnIdle();
}
