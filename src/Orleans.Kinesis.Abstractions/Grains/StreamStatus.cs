namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>A stream's lifecycle state as the API reports it.</summary>
[GenerateSerializer, Alias("kinesis.StreamStatus")]
public enum StreamStatus
{
    Creating,
    Active,
    Updating,
    Deleting,
}
