namespace Orleans.Kinesis.Client.Consumer.Leases;

/// <summary>Where the leases of one application live. Every write is conditional (spec b.3).</summary>
public interface ILeaseStore
{
    Task<IReadOnlyList<Lease>> ListAsync(CancellationToken cancellationToken);

    Task<Lease?> GetAsync(string leaseKey, CancellationToken cancellationToken);

    /// <summary>Creates the lease unless one with its key exists; false when it did.</summary>
    Task<bool> CreateIfNotExistsAsync(Lease lease, CancellationToken cancellationToken);

    /// <summary>Replaces the lease only if its stored counter is still <paramref name="expectedCounter"/>; false otherwise.</summary>
    Task<bool> UpdateAsync(Lease lease, long expectedCounter, CancellationToken cancellationToken);
}
