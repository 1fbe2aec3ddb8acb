namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>One page of stream names.</summary>
public sealed record StreamNamePage(IReadOnlyList<string> Names, bool HasMore);
