using System.Collections.Concurrent;

namespace Orleans.Kinesis.Client.Consumer.Leases;

/// <summary>Leases in memory: for workers inside one process and for tests.</summary>
public sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Lease>> ListAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<Lease>>([.. _leases.Values.OrderBy(l => l.LeaseKey, StringComparer.Ordinal)]);

    public Task<Lease?> GetAsync(string leaseKey, CancellationToken cancellationToken)
        => Task.FromResult(_leases.GetValueOrDefault(leaseKey));

    public Task<bool> CreateIfNotExistsAsync(Lease lease, CancellationToken cancellationToken)
        => Task.FromResult(_leases.TryAdd(lease.LeaseKey, lease));

    public Task<bool> UpdateAsync(Lease lease, long expectedCounter, CancellationToken cancellationToken)
    {
        while (_leases.TryGetValue(lease.LeaseKey, out var current))
        {
            if (current.LeaseCounter != expectedCounter)
            {
                return Task.FromResult(false);
            }

            if (_leases.TryUpdate(lease.LeaseKey, lease, current))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }
}
