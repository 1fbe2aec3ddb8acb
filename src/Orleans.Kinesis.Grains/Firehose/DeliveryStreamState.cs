using Orleans.Kinesis.Abstractions.Firehose;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>A delivery stream's configuration, status and delivery checkpoint.</summary>
public sealed class DeliveryStreamState
{
    public string Name { get; set; } = "";

    public string Type { get; set; } = DeliveryStreamTypes.DirectPut;

    /// <summary>CREATING, ACTIVE or DELETING (CREATING turns ACTIVE at <see cref="ActiveAtMs"/>).</summary>
    public string Status { get; set; } = "CREATING";

    public long CreatedMs { get; set; }

    public long ActiveAtMs { get; set; }

    public long? LastUpdateMs { get; set; }

    public long VersionId { get; set; } = 1;

    public S3DestinationSettings Destination { get; set; } = new();

    public int? ThroughputHintInMBs { get; set; }

    public string? KinesisStreamArn { get; set; }

    public string? KinesisRoleArn { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public string? EncryptionKeyType { get; set; }

    public string? EncryptionKeyArn { get; set; }

    /// <summary>ENABLING, ENABLED, DISABLING or DISABLED; null when never configured.</summary>
    public string? EncryptionStatus { get; set; }

    /// <summary>Start/StopDeliveryStreamEncryption calls (Unix ms) in the last 24 hours.</summary>
    public List<long> EncryptionCallsMs { get; set; } = [];

    /// <summary>The buffer log's folder, <c>firehose@name.created</c> ('@' never occurs in a Kinesis stream folder; a re-created stream gets a fresh log).</summary>
    public string LogFolder { get; set; } = "";

    /// <summary>KinesisStreamAsSource: the source stream incarnation (its creation time).</summary>
    public long? SourceCreatedMs { get; set; }

    /// <summary>KinesisStreamAsSource: source shard index → next ordinal to copy.</summary>
    public Dictionary<int, long> SourceCheckpoints { get; set; } = [];

    /// <summary>KinesisStreamAsSource: closed source shards read to their end.</summary>
    public HashSet<int> SourceFinished { get; set; } = [];

    /// <summary>Every buffered record below this ordinal has been delivered.</summary>
    public long DeliveredOrdinal { get; set; }
}
