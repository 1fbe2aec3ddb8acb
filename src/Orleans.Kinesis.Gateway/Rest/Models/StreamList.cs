namespace Orleans.Kinesis.Gateway.Rest.Models;

/// <summary>A page of streams; <see cref="NextToken"/> continues it.</summary>
public sealed record StreamList(IReadOnlyList<StreamResource> Streams, string? NextToken);
