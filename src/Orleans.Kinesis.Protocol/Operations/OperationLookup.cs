using System.Collections.Frozen;

namespace Orleans.Kinesis.Protocol.Operations;

/// <summary>Maps an <c>X-Amz-Target</c> value such as <c>Kinesis_20131202.PutRecords</c> to its operation in one frozen lookup.</summary>
public static class OperationLookup
{
    public const string TargetPrefix = "Kinesis_20131202.";

    private static readonly FrozenDictionary<string, KinesisOperation> Targets = Build();

    private static readonly FrozenDictionary<string, KinesisOperation>.AlternateLookup<ReadOnlySpan<char>> SpanTargets =
        Targets.GetAlternateLookup<ReadOnlySpan<char>>();

    public static KinesisOperation Find(ReadOnlySpan<char> target)
        => SpanTargets.TryGetValue(target, out var operation) ? operation : KinesisOperation.Unknown;

    private static FrozenDictionary<string, KinesisOperation> Build()
    {
        var map = new Dictionary<string, KinesisOperation>(StringComparer.Ordinal);
        foreach (var operation in Enum.GetValues<KinesisOperation>())
        {
            if (operation != KinesisOperation.Unknown)
            {
                map[TargetPrefix + operation.ToString()] = operation;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
