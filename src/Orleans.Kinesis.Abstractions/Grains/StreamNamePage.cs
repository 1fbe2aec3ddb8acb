namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>One page of stream names.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.StreamNamePage")]
public sealed record StreamNamePage(IReadOnlyList<string> Names, bool HasMore);
