namespace Orleans.Kinesis.Client.Model;

public sealed record SequenceNumberRange
{
    public required string StartingSequenceNumber { get; init; }

    /// <summary>Absent while the shard is open.</summary>
    public string? EndingSequenceNumber { get; init; }
}
