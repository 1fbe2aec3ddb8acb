namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>The DeliveryStreamType values served.</summary>
public static class DeliveryStreamTypes
{
    public const string DirectPut = "DirectPut";
    public const string KinesisStreamAsSource = "KinesisStreamAsSource";
}
