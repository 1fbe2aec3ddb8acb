namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>The consumers registered on a stream.</summary>
public sealed record ConsumerList(string Stream, IReadOnlyList<ConsumerResource> Consumers);
