namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>One transform invocation: the Lambda event (invocationId, deliveryStreamArn, region, records).</summary>
[GenerateSerializer, Immutable, Alias("kinesis.TransformInvocation")]
public sealed record TransformInvocation(
    string InvocationId,
    string DeliveryStreamArn,
    string Region,
    string? SourceKinesisStreamArn,
    IReadOnlyList<TransformInputRecord> Records);
