using System.Collections.Frozen;

namespace Orleans.Kinesis.Protocol.Operations;

/// <summary>Maps an <c>X-Amz-Target</c> value such as <c>Kinesis_20131202.PutRecords</c> to its operation in one frozen lookup.</summary>
public static class OperationLookup
{
    public const string TargetPrefix = "Kinesis_20131202.";
    public const string FirehoseTargetPrefix = "Firehose_20150804.";
    private const string FirehoseMember = "Firehose";

    private static readonly FrozenDictionary<string, KinesisOperation> Targets = Build();

    private static readonly FrozenDictionary<string, KinesisOperation>.AlternateLookup<ReadOnlySpan<char>> SpanTargets =
        Targets.GetAlternateLookup<ReadOnlySpan<char>>();

    public static KinesisOperation Find(ReadOnlySpan<char> target)
        => SpanTargets.TryGetValue(target, out var operation) ? operation : KinesisOperation.Unknown;

    /// <summary>True for the operations of the Firehose API (signed for the <c>firehose</c> service).</summary>
    public static bool IsFirehose(KinesisOperation operation) => operation >= KinesisOperation.FirehoseCreateDeliveryStream;

    private static FrozenDictionary<string, KinesisOperation> Build()
    {
        var map = new Dictionary<string, KinesisOperation>(StringComparer.Ordinal);
        foreach (var operation in Enum.GetValues<KinesisOperation>())
        {
            var name = operation.ToString();
            if (name.StartsWith(FirehoseMember, StringComparison.Ordinal))
            {
                map[FirehoseTargetPrefix + name[FirehoseMember.Length..]] = operation;
            }
            else if (operation != KinesisOperation.Unknown)
            {
                map[TargetPrefix + name] = operation;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
