namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>A record handed to a transform (the Lambda event's <c>records[]</c> entry).</summary>
[GenerateSerializer, Immutable, Alias("kinesis.TransformInputRecord")]
public sealed record TransformInputRecord(string RecordId, long ApproximateArrivalTimestampMs, ReadOnlyMemory<byte> Data, KinesisRecordMetadata? KinesisRecordMetadata);
