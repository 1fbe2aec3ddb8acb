namespace Orleans.Kinesis.Client.Consumer;

/// <summary>What a shard's consumer has delivered so far, shared with its checkpointer.</summary>
internal sealed class ShardProgress
{
    public ExtendedSequenceNumber? LastDelivered { get; set; }

    public bool Ended { get; set; }
}
