namespace Orleans.Kinesis.Client.Model;

public sealed record SplitShardRequest : StreamRequest
{
    public required string ShardToSplit { get; init; }

    public required string NewStartingHashKey { get; init; }
}
