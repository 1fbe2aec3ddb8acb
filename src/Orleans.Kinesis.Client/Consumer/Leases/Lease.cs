namespace Orleans.Kinesis.Client.Consumer.Leases;

/// <summary>
/// The lease of one shard (spec b.2): owner, counter (bumped by every write, the condition of every update),
/// checkpoint, parents and children.
/// </summary>
public sealed record Lease
{
    public required string LeaseKey { get; init; }

    public string? LeaseOwner { get; init; }

    public long LeaseCounter { get; init; }

    public required ExtendedSequenceNumber Checkpoint { get; init; }

    public long OwnerSwitchesSinceCheckpoint { get; init; }

    public IReadOnlyList<string> ParentShardIds { get; init; } = [];

    public IReadOnlyList<string> ChildShardIds { get; init; } = [];

    public string? StartingHashKey { get; init; }

    public string? EndingHashKey { get; init; }
}
