namespace Orleans.Streaming.Kinesis;

/// <summary>
/// A Kinesis user record as an Orleans stream event: subscribe with <c>IAsyncStream&lt;KinesisStreamRecord&gt;</c> to see
/// where it came from; <c>byte[]</c> and <c>string</c> (UTF-8) subscriptions get only the data, and any other type is
/// read from JSON. KPL-aggregated records arrive de-aggregated, one event per user record.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("Orleans.Streaming.Kinesis.KinesisStreamRecord")]
public sealed record KinesisStreamRecord
{
    [Id(0)]
    public required string ShardId { get; init; }

    [Id(1)]
    public required string PartitionKey { get; init; }

    [Id(2)]
    public required string SequenceNumber { get; init; }

    /// <summary>The index of the user record inside a KPL aggregated record (0 for a plain record).</summary>
    [Id(3)]
    public long SubSequenceNumber { get; init; }

    [Id(4)]
    public DateTimeOffset? ApproximateArrivalTimestamp { get; init; }

    [Id(5)]
    public required byte[] Data { get; init; }
}
