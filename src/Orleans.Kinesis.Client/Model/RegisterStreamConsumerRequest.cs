namespace Orleans.Kinesis.Client.Model;

public sealed record RegisterStreamConsumerRequest
{
    public required string StreamARN { get; init; }

    public required string ConsumerName { get; init; }

    public Dictionary<string, string>? Tags { get; init; }
}
