namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>A validated CreateDeliveryStream request.</summary>
[GenerateSerializer, Alias("kinesis.DeliveryStreamDefinition")]
public sealed class DeliveryStreamDefinition
{
    [Id(0)]
    public string Name { get; set; } = "";

    /// <summary>DirectPut or KinesisStreamAsSource.</summary>
    [Id(1)]
    public string Type { get; set; } = DeliveryStreamTypes.DirectPut;

    [Id(2)]
    public int? ThroughputHintInMBs { get; set; }

    [Id(3)]
    public string? KinesisStreamArn { get; set; }

    [Id(4)]
    public string? KinesisRoleArn { get; set; }

    /// <summary>AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK when server-side encryption is requested at creation.</summary>
    [Id(5)]
    public string? EncryptionKeyType { get; set; }

    [Id(6)]
    public string? EncryptionKeyArn { get; set; }

    [Id(7)]
    public S3DestinationSettings Destination { get; set; } = new();

    [Id(8)]
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
}
