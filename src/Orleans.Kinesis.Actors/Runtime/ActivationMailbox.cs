namespace Orleans.Kinesis.Actors.Runtime;

/// <summary>
/// Pending requests of one activation and the admission rule: a request starts when nothing is running,
/// or when it may interleave. Not thread-safe; the owning activation guards it with its lock.
/// </summary>
internal sealed class ActivationMailbox
{
    private readonly Queue<IActivationRequest> _pending = new();

    public int Running { get; private set; }

    public int PendingCount => _pending.Count;

    public bool IsIdle => Running == 0 && _pending.Count == 0;

    public bool CanStartNow(IActivationRequest request) => (Running == 0 && _pending.Count == 0) || request.Interleave;

    public void Enqueue(IActivationRequest request) => _pending.Enqueue(request);

    public bool TryDequeueRunnable(out IActivationRequest request)
    {
        if (_pending.TryPeek(out var head) && (Running == 0 || head.Interleave))
        {
            request = _pending.Dequeue();
            return true;
        }

        request = null!;
        return false;
    }

    public void MarkStarted() => Running++;

    public void MarkCompleted() => Running--;

    public List<IActivationRequest> DrainPending()
    {
        var drained = new List<IActivationRequest>(_pending);
        _pending.Clear();
        return drained;
    }
}
