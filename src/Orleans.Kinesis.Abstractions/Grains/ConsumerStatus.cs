namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>A registered stream consumer's status (CREATING → ACTIVE → DELETING → removed).</summary>
[GenerateSerializer, Alias("kinesis.ConsumerStatus")]
public enum ConsumerStatus
{
    Creating,
    Active,
    Deleting,
}
