namespace Orleans.Kinesis.Client.Model;

public sealed record ListStreamsRequest
{
    public int? Limit { get; init; }

    public string? ExclusiveStartStreamName { get; init; }

    public string? NextToken { get; init; }
}
