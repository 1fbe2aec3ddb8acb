namespace Orleans.Kinesis.Client.Model;

public sealed record StreamModeDetails
{
    /// <summary><c>PROVISIONED</c> or <c>ON_DEMAND</c>.</summary>
    public required string StreamMode { get; init; }
}
