namespace Orleans.Kinesis.Client.Model;

public sealed record GetResourcePolicyResponse
{
    public required string Policy { get; init; }
}
