using System.Globalization;
using Orleans.Kinesis.Abstractions.Ids;

namespace Orleans.Kinesis.Grains.Streams;

/// <summary>
/// The shard map changes of one reshard, worked out before anything is applied: the new shards (next free indices,
/// in the order they are made) and the open shards they replace. A shard made and replaced within the same plan (an
/// intermediate step of UpdateShardCount) is created closed and empty, as the service's short-lived shards are.
/// </summary>
internal sealed class ReshardPlan
{
    private readonly long _nowMs;
    private int _nextIndex;

    public ReshardPlan(StreamState state, long nowMs)
    {
        _nowMs = nowMs;
        foreach (var shard in state.Shards)
        {
            _nextIndex = Math.Max(_nextIndex, shard.Index + 1);
        }
    }

    /// <summary>New shards in index order; intermediates already carry an ending ordinal of 0.</summary>
    public List<ShardRecord> Created { get; } = [];

    /// <summary>Shards open before the plan that it closes.</summary>
    public List<ShardRecord> Closing { get; } = [];

    public static UInt128 Start(ShardRecord shard) => UInt128.Parse(shard.StartingHashKey, CultureInfo.InvariantCulture);

    public static UInt128 End(ShardRecord shard) => UInt128.Parse(shard.EndingHashKey, CultureInfo.InvariantCulture);

    /// <summary>Splits <paramref name="parent"/> so the upper child starts at <paramref name="at"/> (start &lt; at ≤ end).</summary>
    public (ShardRecord Lower, ShardRecord Upper) Split(ShardRecord parent, UInt128 at)
    {
        var lower = Create(Start(parent), at - 1, parent.Index, null);
        var upper = Create(at, End(parent), parent.Index, null);
        Close(parent);
        return (lower, upper);
    }

    /// <summary>Merges two shards with adjacent ranges (in either order) into one covering both.</summary>
    public ShardRecord Merge(ShardRecord shard, ShardRecord adjacent)
    {
        var start = UInt128.Min(Start(shard), Start(adjacent));
        var end = UInt128.Max(End(shard), End(adjacent));
        var child = Create(start, end, shard.Index, adjacent.Index);
        Close(shard);
        Close(adjacent);
        return child;
    }

    /// <summary>
    /// UNIFORM_SCALING to <paramref name="target"/> even ranges: first splits open shards at every target boundary
    /// inside them, then merges the pieces of each target range left to right. Every shard made has one or two
    /// parents that together cover its range, so readers can follow ChildShards from any closed shard.
    /// </summary>
    public void ScaleUniformly(IEnumerable<ShardRecord> openShards, int target)
    {
        var current = openShards.OrderBy(Start).ToList();
        var ranges = HashKeyRange.EvenSplit(target);
        for (var r = 1; r < ranges.Length; r++)
        {
            var boundary = ranges[r].Start;
            for (var i = 0; i < current.Count; i++)
            {
                var shard = current[i];
                if (Start(shard) < boundary && boundary <= End(shard))
                {
                    var (lower, upper) = Split(shard, boundary);
                    current[i] = lower;
                    current.Insert(i + 1, upper);
                    break;
                }
            }
        }

        foreach (var range in ranges)
        {
            var first = current.FindIndex(s => Start(s) == range.Start);
            while (first + 1 < current.Count && End(current[first]) < range.End)
            {
                current[first] = Merge(current[first], current[first + 1]);
                current.RemoveAt(first + 1);
            }
        }
    }

    private ShardRecord Create(UInt128 start, UInt128 end, int parent, int? adjacentParent)
    {
        var shard = new ShardRecord
        {
            Index = _nextIndex++,
            StartingHashKey = start.ToString(CultureInfo.InvariantCulture),
            EndingHashKey = end.ToString(CultureInfo.InvariantCulture),
            ParentIndex = parent,
            AdjacentParentIndex = adjacentParent,
            CreatedTimeMs = _nowMs,
        };
        Created.Add(shard);
        return shard;
    }

    private void Close(ShardRecord shard)
    {
        if (Created.Contains(shard))
        {
            shard.EndingOrdinal = 0;
            shard.ClosedTimeMs = _nowMs;
        }
        else
        {
            Closing.Add(shard);
        }
    }
}
