using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Ids;

namespace Orleans.Kinesis.Gateway.Records;

/// <summary>What became of one entry: its sequence number and shard id (UTF-8), or the error.</summary>
public readonly record struct AppendOutcome(SequenceNumber SequenceNumber, byte[]? ShardIdUtf8, KinesisException? Error)
{
    /// <summary>Whether the record was stored encrypted (server-side encryption was on for the stream).</summary>
    public bool Encrypted { get; init; }
}
