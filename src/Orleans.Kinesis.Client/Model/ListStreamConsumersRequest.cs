namespace Orleans.Kinesis.Client.Model;

public sealed record ListStreamConsumersRequest
{
    public required string StreamARN { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public DateTimeOffset? StreamCreationTimestamp { get; init; }
}
