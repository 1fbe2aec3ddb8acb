namespace Orleans.Kinesis.Abstractions.Records;

/// <summary>A record read back from a shard. The memory belongs to the <see cref="RecordBatch"/> it came from.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.RecordView")]
public readonly record struct RecordView(
    long Ordinal,
    long ArrivalTimeMs,
    ReadOnlyMemory<byte> PartitionKey,
    ReadOnlyMemory<byte> Data,
    byte Flags);
