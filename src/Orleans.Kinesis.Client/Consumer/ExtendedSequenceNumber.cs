using System.Globalization;
using System.Numerics;

namespace Orleans.Kinesis.Client.Consumer;

/// <summary>A checkpoint: a sequence number and sub-sequence number, or a sentinel (TRIM_HORIZON, LATEST, SHARD_END).</summary>
public sealed record ExtendedSequenceNumber(string SequenceNumber, long SubSequenceNumber = 0)
{
    public static ExtendedSequenceNumber TrimHorizon { get; } = new("TRIM_HORIZON");

    public static ExtendedSequenceNumber Latest { get; } = new("LATEST");

    public static ExtendedSequenceNumber ShardEnd { get; } = new("SHARD_END");

    public bool IsSentinel => SequenceNumber is "TRIM_HORIZON" or "LATEST" or "SHARD_END";

    public bool IsShardEnd => SequenceNumber == "SHARD_END";

    /// <summary>Orders real positions by (sequence, sub-sequence); sentinels sort before any real position except SHARD_END after.</summary>
    public int CompareTo(ExtendedSequenceNumber other)
    {
        static BigInteger Rank(ExtendedSequenceNumber n) => n.SequenceNumber switch
        {
            "TRIM_HORIZON" or "LATEST" => BigInteger.MinusOne,
            "SHARD_END" => BigInteger.Pow(10, 130),
            _ => BigInteger.Parse(n.SequenceNumber, CultureInfo.InvariantCulture),
        };

        var c = Rank(this).CompareTo(Rank(other));
        return c != 0 ? c : SubSequenceNumber.CompareTo(other.SubSequenceNumber);
    }

    public override string ToString() => IsSentinel ? SequenceNumber : SequenceNumber + "/" + SubSequenceNumber.ToString(CultureInfo.InvariantCulture);
}
