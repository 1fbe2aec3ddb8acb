namespace Orleans.Kinesis.Client.Model;

public sealed record DescribeStreamRequest : StreamRequest
{
    public int? Limit { get; init; }

    public string? ExclusiveStartShardId { get; init; }
}
