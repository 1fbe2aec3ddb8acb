namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>Delivery stream names (sorted ordinally) and their types.</summary>
public sealed class DeliveryStreamDirectoryState
{
    public SortedDictionary<string, string> Streams { get; set; } = new(StringComparer.Ordinal);
}
