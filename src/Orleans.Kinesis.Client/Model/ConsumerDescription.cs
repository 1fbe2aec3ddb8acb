namespace Orleans.Kinesis.Client.Model;

public sealed record ConsumerDescription
{
    public required string ConsumerName { get; init; }

    public required string ConsumerARN { get; init; }

    public required string ConsumerStatus { get; init; }

    public DateTimeOffset ConsumerCreationTimestamp { get; init; }

    public required string StreamARN { get; init; }
}
