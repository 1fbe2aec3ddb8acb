namespace Orleans.Kinesis.Grains.Streams;

/// <summary>One registered consumer in a stream's persisted state.</summary>
public sealed class ConsumerRecord
{
    public string Name { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public long CreatedTimeMs { get; set; }

    /// <summary>When the consumer entered its current status (CREATING or DELETING end after the transition delay).</summary>
    public long StatusChangedMs { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
}
