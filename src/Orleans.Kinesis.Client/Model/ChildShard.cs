namespace Orleans.Kinesis.Client.Model;

public sealed record ChildShard
{
    public required string ShardId { get; init; }

    public List<string> ParentShards { get; init; } = [];

    public required HashKeyRange HashKeyRange { get; init; }
}
