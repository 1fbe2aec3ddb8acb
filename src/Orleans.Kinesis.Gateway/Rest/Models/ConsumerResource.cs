namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>An enhanced fan-out consumer of a stream.</summary>
public sealed record ConsumerResource(string Name, string Arn, string Status, DateTimeOffset? CreatedAt);
