namespace Orleans.Kinesis.Client.Model;

/// <summary>Names a stream by <see cref="StreamName"/> or <see cref="StreamARN"/> (the service accepts either).</summary>
public abstract record StreamRequest
{
    public string? StreamName { get; init; }

    public string? StreamARN { get; init; }
}
