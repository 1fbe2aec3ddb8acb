namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>
/// A data stream as the REST API shows it (from DescribeStreamSummary); <see cref="ShardLevelMetrics"/> are the
/// enhanced (per-shard) metrics turned on for it.
/// </summary>
public sealed record StreamResource(
    string Name,
    string Arn,
    string Status,
    string Mode,
    int OpenShardCount,
    int ConsumerCount,
    int RetentionPeriodHours,
    DateTimeOffset? CreatedAt,
    string EncryptionType,
    string? KeyId,
    IReadOnlyList<string> ShardLevelMetrics);
