namespace Orleans.Kinesis.Client.Model;

public sealed record ListShardsRequest : StreamRequest
{
    public string? NextToken { get; init; }

    public string? ExclusiveStartShardId { get; init; }

    public int? MaxResults { get; init; }

    public DateTimeOffset? StreamCreationTimestamp { get; init; }

    public ShardFilter? ShardFilter { get; init; }
}
