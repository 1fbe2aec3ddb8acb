namespace Orleans.Kinesis.Abstractions.Records;

/// <summary>A record to append: UTF-8 partition key, data and flag bits.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.RecordEntry")]
public readonly record struct RecordEntry(ReadOnlyMemory<byte> PartitionKey, ReadOnlyMemory<byte> Data, byte Flags = 0);
