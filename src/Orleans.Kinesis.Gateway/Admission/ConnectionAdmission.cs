using System.Threading.RateLimiting;

namespace Orleans.Kinesis.Gateway.Admission;

/// <summary>
/// One connection's request limiter, kept in the connection's features for its lifetime: at most
/// <see cref="PermitLimit"/> requests in progress, the next <see cref="QueueLimit"/> waiting in arrival order, the rest
/// refused. Disposed (its queue failed, the count of connections lowered) when the connection closes.
/// </summary>
internal sealed class ConnectionAdmission : IDisposable
{
    private readonly ConnectionAdmissions _owner;
    private readonly ConcurrencyLimiter _limiter;
    private int _disposed;

    public ConnectionAdmission(ConnectionAdmissions owner, int permitLimit, int queueLimit)
    {
        _owner = owner;
        PermitLimit = permitLimit;
        QueueLimit = queueLimit;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permitLimit,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int PermitLimit { get; }

    public int QueueLimit { get; }

    /// <summary>A slot (dispose it when the request no longer needs one), or null when the queue is full.</summary>
    /// <exception cref="OperationCanceledException">The request was aborted while it waited.</exception>
    public async ValueTask<AdmissionSlot?> EnterAsync(CancellationToken aborted)
    {
        var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            _owner.Queued(1);
            try
            {
                lease = await _limiter.AcquireAsync(1, aborted);
            }
            finally
            {
                _owner.Queued(-1);
            }

            if (!lease.IsAcquired)
            {
                lease.Dispose();
                _owner.Refused();
                return null;
            }
        }

        _owner.Activated(1);
        return new AdmissionSlot(_owner, lease);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _limiter.Dispose();
            _owner.Closed();
        }
    }
}
