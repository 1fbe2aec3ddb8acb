namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>A validated CreateDeliveryStream request.</summary>
public sealed class DeliveryStreamDefinition
{
    public string Name { get; set; } = "";

    /// <summary>DirectPut or KinesisStreamAsSource.</summary>
    public string Type { get; set; } = DeliveryStreamTypes.DirectPut;

    public int? ThroughputHintInMBs { get; set; }

    public string? KinesisStreamArn { get; set; }

    public string? KinesisRoleArn { get; set; }

    /// <summary>AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK when server-side encryption is requested at creation.</summary>
    public string? EncryptionKeyType { get; set; }

    public string? EncryptionKeyArn { get; set; }

    public S3DestinationSettings Destination { get; set; } = new();

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
}
