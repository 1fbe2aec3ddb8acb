namespace Orleans.Kinesis.Client.Firehose;

public sealed record DeliveryStreamEncryptionConfigurationInput
{
    /// <summary><c>AWS_OWNED_CMK</c> or <c>CUSTOMER_MANAGED_CMK</c>.</summary>
    public required string KeyType { get; init; }

    public string? KeyARN { get; init; }
}
