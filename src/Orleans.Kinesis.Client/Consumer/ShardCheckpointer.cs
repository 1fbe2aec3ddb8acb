using Orleans.Kinesis.Client.Aggregation;

namespace Orleans.Kinesis.Client.Consumer;

/// <summary>The checkpointer handed to a shard's processor (spec b.9).</summary>
internal sealed class ShardCheckpointer(HeldLease lease, ShardProgress progress) : ICheckpointer
{
    public Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var value = progress.Ended ? ExtendedSequenceNumber.ShardEnd : progress.LastDelivered;
        return value is null ? Task.CompletedTask : WriteAsync(value, cancellationToken);
    }

    public Task CheckpointAsync(KinesisClientRecord record, CancellationToken cancellationToken = default)
        => CheckpointAsync(record.SequenceNumber, record.SubSequenceNumber, cancellationToken);

    public Task CheckpointAsync(string sequenceNumber, long subSequenceNumber, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(subSequenceNumber);
        var value = new ExtendedSequenceNumber(sequenceNumber, subSequenceNumber);
        var current = lease.Current.Checkpoint;
        if (progress.LastDelivered is not { } last || value.CompareTo(last) > 0 || (!current.IsSentinel && value.CompareTo(current) < 0))
        {
            throw new ArgumentException($"Checkpoint {value} is outside [{current}, {progress.LastDelivered?.ToString() ?? "nothing delivered"}].", nameof(sequenceNumber));
        }

        return WriteAsync(progress.Ended && value == last ? ExtendedSequenceNumber.ShardEnd : value, cancellationToken);
    }

    private async Task WriteAsync(ExtendedSequenceNumber value, CancellationToken cancellationToken)
    {
        if (lease.Current.Checkpoint == value)
        {
            return;
        }

        if (!await lease.UpdateAsync(l => l with { Checkpoint = value, OwnerSwitchesSinceCheckpoint = 0 }, cancellationToken).ConfigureAwait(false))
        {
            throw new LeaseLostException(lease.ShardId);
        }
    }
}
