namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>A transform's answer for one record: <see cref="Result"/> is Ok, Dropped or ProcessingFailed.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.TransformOutputRecord")]
public sealed record TransformOutputRecord(string RecordId, string Result, ReadOnlyMemory<byte> Data)
{
    public const string Ok = "Ok";
    public const string Dropped = "Dropped";
    public const string ProcessingFailed = "ProcessingFailed";

    /// <summary>The reply's <c>metadata.partitionKeys</c>, if any.</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, string>? PartitionKeys { get; init; }
}
