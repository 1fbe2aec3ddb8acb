namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>A validated CreateStream request.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.CreateStreamCommand")]
public sealed record CreateStreamCommand(
    int ShardCount,
    StreamMode Mode,
    int MaxRecordSizeKiB,
    IReadOnlyDictionary<string, string>? Tags);
