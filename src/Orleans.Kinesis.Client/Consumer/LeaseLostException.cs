namespace Orleans.Kinesis.Client.Consumer;

/// <summary>A checkpoint or renewal failed because another worker holds the lease now (KCL's ShutdownException).</summary>
public sealed class LeaseLostException(string shardId) : Exception($"The lease of {shardId} is no longer held by this worker.")
{
    public string ShardId { get; } = shardId;
}
