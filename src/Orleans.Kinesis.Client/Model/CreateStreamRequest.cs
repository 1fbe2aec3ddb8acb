namespace Orleans.Kinesis.Client.Model;

public sealed record CreateStreamRequest
{
    public required string StreamName { get; init; }

    public int? ShardCount { get; init; }

    public StreamModeDetails? StreamModeDetails { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public int? WarmThroughputMiBps { get; init; }

    public int? MaxRecordSizeInKiB { get; init; }
}
