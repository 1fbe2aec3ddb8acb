namespace Orleans.Kinesis.Client.Model;

public sealed record GetShardIteratorResponse
{
    public string? ShardIterator { get; init; }
}
