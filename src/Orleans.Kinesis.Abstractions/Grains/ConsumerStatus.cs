namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>A registered stream consumer's status (CREATING → ACTIVE → DELETING → removed).</summary>
public enum ConsumerStatus
{
    Creating,
    Active,
    Deleting,
}
