namespace Orleans.Kinesis.Client.Model;

/// <summary>One entry of a PutRecords answer: a sequence number and shard, or an error code and message.</summary>
public sealed record PutRecordsResultEntry
{
    public string? SequenceNumber { get; init; }

    public string? ShardId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}
