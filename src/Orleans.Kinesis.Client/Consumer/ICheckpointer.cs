using Orleans.Kinesis.Client.Aggregation;

namespace Orleans.Kinesis.Client.Consumer;

/// <summary>Records progress in the shard's lease (conditional on holding it; spec b.9).</summary>
public interface ICheckpointer
{
    /// <summary>Checkpoints the last record delivered (or SHARD_END once the shard has ended).</summary>
    Task CheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Checkpoints at <paramref name="record"/>'s sequence and sub-sequence number.</summary>
    Task CheckpointAsync(KinesisClientRecord record, CancellationToken cancellationToken = default);

    /// <summary>Checkpoints at (<paramref name="sequenceNumber"/>, <paramref name="subSequenceNumber"/>), which must lie between the last checkpoint and the last delivered record.</summary>
    Task CheckpointAsync(string sequenceNumber, long subSequenceNumber, CancellationToken cancellationToken = default);
}
