namespace Orleans.Kinesis.Storage.Logs.Fencing;

/// <summary>
/// Says whether the writer that holds a shard log's lease is known to be gone, so a new writer may break the lease at
/// once instead of waiting for it to expire. Only a proof counts: "unknown" must answer false. The default knows the
/// processes of this machine (<see cref="LocalProcessLiveness"/>); a cluster can supply its membership instead.
/// </summary>
public interface ILogOwnerLiveness
{
    /// <summary>This process's owner id, stored beside the lease it takes.</summary>
    string OwnerId { get; }

    /// <summary>True only when the owner named by <paramref name="ownerId"/> certainly no longer runs.</summary>
    ValueTask<bool> IsKnownDeadAsync(string ownerId, CancellationToken cancellationToken);
}
