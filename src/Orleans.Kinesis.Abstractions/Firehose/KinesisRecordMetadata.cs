namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>Where a record read from a Kinesis stream came from (the Lambda event's <c>kinesisRecordMetadata</c>).</summary>
[GenerateSerializer, Immutable, Alias("kinesis.KinesisRecordMetadata")]
public sealed record KinesisRecordMetadata(string ShardId, string PartitionKey, long ApproximateArrivalTimestampMs, string SequenceNumber);
