namespace Orleans.Kinesis.Client.Model;

public sealed record UpdateStreamModeRequest
{
    public required string StreamARN { get; init; }

    public required StreamModeDetails StreamModeDetails { get; init; }

    public int? WarmThroughputMiBps { get; init; }
}
