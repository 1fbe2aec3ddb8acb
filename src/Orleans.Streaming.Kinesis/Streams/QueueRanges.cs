using System.Globalization;
using System.Numerics;

namespace Orleans.Streaming.Kinesis.Streams;

/// <summary>
/// Divides the 128-bit hash-key space into equal queue ranges; a shard belongs to the queue holding its starting
/// hash key. The rule needs only the shard itself, so every silo agrees without coordination, and a split or merge
/// puts each child in exactly one queue.
/// </summary>
internal static class QueueRanges
{
    private static readonly BigInteger Space = BigInteger.One << 128;

    public static int QueueOf(string startingHashKey, int queueCount)
    {
        var start = BigInteger.Parse(startingHashKey, NumberStyles.None, CultureInfo.InvariantCulture);
        return (int)(start * queueCount / Space);
    }
}
