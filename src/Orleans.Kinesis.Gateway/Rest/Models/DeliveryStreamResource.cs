namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>A Firehose delivery stream: status, source and its S3 destination with buffering hints.</summary>
public sealed record DeliveryStreamResource(
    string Name,
    string Arn,
    string Status,
    string Type,
    DateTimeOffset? CreatedAt,
    string? SourceStreamArn,
    string? DestinationBucketArn,
    string? DestinationPrefix,
    int? BufferSizeMBs,
    int? BufferIntervalSeconds,
    string? CompressionFormat,
    string EncryptionStatus);
