namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>The capacity mode of a stream.</summary>
[GenerateSerializer, Alias("kinesis.StreamMode")]
public enum StreamMode
{
    Provisioned,
    OnDemand,
}
