namespace Orleans.Kinesis.Actors.Scheduling;

/// <summary>
/// Installed while an activation's queue is drained, so that <c>await</c> continuations of grain code are
/// posted back to the activation's queue instead of running on an arbitrary thread.
/// </summary>
internal sealed class ActivationSynchronizationContext : SynchronizationContext
{
    private readonly ActivationScheduler _scheduler;

    public ActivationSynchronizationContext(ActivationScheduler scheduler)
    {
        _scheduler = scheduler;
    }

    public override void Post(SendOrPostCallback d, object? state) => _scheduler.Post(d, state);

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (!_scheduler.IsRunningOnCurrentThread)
        {
            throw new NotSupportedException("Synchronous sends into an activation are not supported.");
        }

        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
