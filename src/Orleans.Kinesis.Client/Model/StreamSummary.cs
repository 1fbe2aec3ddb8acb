namespace Orleans.Kinesis.Client.Model;

public sealed record StreamSummary
{
    public required string StreamName { get; init; }

    public required string StreamARN { get; init; }

    public required string StreamStatus { get; init; }

    public StreamModeDetails? StreamModeDetails { get; init; }

    public DateTimeOffset? StreamCreationTimestamp { get; init; }
}
