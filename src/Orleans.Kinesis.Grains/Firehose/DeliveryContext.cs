using Orleans.Kinesis.Abstractions.Firehose;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>What one delivery needs to know about its stream.</summary>
public sealed record DeliveryContext(string Name, string Arn, string Region, long VersionId, S3DestinationSettings Destination, string? SourceStreamArn);
