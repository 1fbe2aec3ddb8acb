namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>POST /api/v1/streams/{name}/consumers.</summary>
public sealed record RegisterConsumerBody(string? Name);
