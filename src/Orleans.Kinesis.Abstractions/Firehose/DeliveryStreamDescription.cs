namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>What DescribeDeliveryStream reports.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.DeliveryStreamDescription")]
public sealed record DeliveryStreamDescription(
    string Name,
    string Arn,
    string Status,
    string Type,
    long VersionId,
    long CreateTimestampMs,
    long? LastUpdateTimestampMs,
    string DestinationId,
    S3DestinationSettings Destination,
    int? ThroughputHintInMBs,
    string? KinesisStreamArn,
    string? KinesisRoleArn,
    long? DeliveryStartTimestampMs,
    string? EncryptionKeyType,
    string? EncryptionKeyArn,
    string? EncryptionStatus,
    DeliveryFailureDescription? Failure = null);
