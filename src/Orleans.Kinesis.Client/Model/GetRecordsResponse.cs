namespace Orleans.Kinesis.Client.Model;

public sealed record GetRecordsResponse
{
    public List<Record> Records { get; init; } = [];

    public string? NextShardIterator { get; init; }

    public long? MillisBehindLatest { get; init; }

    public List<ChildShard>? ChildShards { get; init; }
}
