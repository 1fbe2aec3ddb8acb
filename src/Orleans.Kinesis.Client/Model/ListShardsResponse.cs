namespace Orleans.Kinesis.Client.Model;

public sealed record ListShardsResponse
{
    public List<Shard> Shards { get; init; } = [];

    public string? NextToken { get; init; }
}
