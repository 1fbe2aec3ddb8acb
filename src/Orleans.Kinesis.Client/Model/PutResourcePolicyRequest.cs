namespace Orleans.Kinesis.Client.Model;

public sealed record PutResourcePolicyRequest
{
    public required string ResourceARN { get; init; }

    public required string Policy { get; init; }
}
