namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>The capacity mode of a stream.</summary>
public enum StreamMode
{
    Provisioned,
    OnDemand,
}
