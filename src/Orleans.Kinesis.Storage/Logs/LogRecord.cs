namespace Orleans.Kinesis.Storage.Logs;

/// <summary>One record handed to <see cref="IRecordLog.Append"/>: UTF-8 partition key, data and flag bits.</summary>
public readonly record struct LogRecord(ReadOnlyMemory<byte> PartitionKey, ReadOnlyMemory<byte> Data, byte Flags = 0);
