namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>A record of a <see cref="StoredSegment"/>: its ordinal, flags, partition key and where its data lies in the file.</summary>
public sealed record StoredRecord(long Ordinal, byte Flags, byte[] PartitionKey, int DataOffset, int DataLength);
