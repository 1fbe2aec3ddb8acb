namespace Orleans.Kinesis.Client.Firehose;

public sealed record StartDeliveryStreamEncryptionRequest
{
    public required string DeliveryStreamName { get; init; }

    public DeliveryStreamEncryptionConfigurationInput? DeliveryStreamEncryptionConfigurationInput { get; init; }
}
