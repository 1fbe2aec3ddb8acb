namespace Orleans.Kinesis.Client.Producer;

/// <summary>Where a user record landed (shard, sequence number, sub-sequence number in its aggregate) and every attempt.</summary>
public sealed record UserRecordResult(
    bool Successful,
    string? ShardId,
    string? SequenceNumber,
    long SubSequenceNumber,
    IReadOnlyList<Attempt> Attempts);
