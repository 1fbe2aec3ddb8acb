using Orleans.Kinesis.Client.Consumer.Leases;

namespace Orleans.Kinesis.Client.Consumer;

/// <summary>
/// A lease this worker holds. Renewals, checkpoints and releases go through one gate, each a conditional write on
/// the counter last written; a failed condition means the lease was lost and cancels <see cref="Lost"/>.
/// </summary>
internal sealed class HeldLease(ILeaseStore store, Lease lease) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lost = new();

    public Lease Current { get; private set; } = lease;

    public string ShardId => Current.LeaseKey;

    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    public async Task<bool> UpdateAsync(Func<Lease, Lease> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lost.IsCancellationRequested)
            {
                return false;
            }

            var next = change(Current) with { LeaseCounter = Current.LeaseCounter + 1 };
            if (await store.UpdateAsync(next, Current.LeaseCounter, cancellationToken).ConfigureAwait(false))
            {
                Current = next;
                return true;
            }

            await _lost.CancelAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _lost.Dispose();
    }
}
