namespace Orleans.Kinesis.Client.Model;

public sealed record MergeShardsRequest : StreamRequest
{
    public required string ShardToMerge { get; init; }

    public required string AdjacentShardToMerge { get; init; }
}
