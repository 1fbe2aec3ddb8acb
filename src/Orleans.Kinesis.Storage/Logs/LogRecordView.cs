namespace Orleans.Kinesis.Storage.Logs;

/// <summary>A record read back from a log. The memory belongs to the <see cref="LogReadResult"/> it came from.</summary>
public readonly record struct LogRecordView(
    long Ordinal,
    long ArrivalTimeMs,
    ReadOnlyMemory<byte> PartitionKey,
    ReadOnlyMemory<byte> Data,
    byte Flags);
