using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Streaming.Kinesis.Streams;

/// <summary>What a queue receiver knows about one of its shards: lease, iterator, read and delivered positions.</summary>
internal sealed class ShardReader(Shard shard, Lease lease)
{
    public Shard Shard { get; } = shard;

    /// <summary>The lease as last read or written (its counter conditions the next checkpoint).</summary>
    public Lease Lease { get; set; } = lease;

    public string? Iterator { get; set; }

    /// <summary>True once the parents are read to their end (or gone), so this shard may be read.</summary>
    public bool Started { get; set; }

    /// <summary>True once GetRecords answered no next iterator: nothing more will be read.</summary>
    public bool Ended { get; set; }

    /// <summary>True once SHARD_END is checkpointed.</summary>
    public bool Finished { get; set; } = lease.Checkpoint.IsShardEnd;

    public DateTimeOffset NextParentCheck { get; set; }

    /// <summary>Records up to this position were delivered before (AT_SEQUENCE_NUMBER re-reads them): skip them.</summary>
    public ExtendedSequenceNumber? SkipThrough { get; set; }

    public ExtendedSequenceNumber? LastRead { get; set; }

    public ExtendedSequenceNumber? Delivered { get; set; }

    /// <summary>Read, not yet handed to the pulling agent (an aggregated record may hold more than one call takes).</summary>
    public Queue<KinesisBatchContainer> Pending { get; } = new();

    /// <summary>Handed to the pulling agent, not yet reported delivered.</summary>
    public int Outstanding { get; set; }

    public bool Drained => Ended && Pending.Count == 0 && Outstanding == 0;
}
