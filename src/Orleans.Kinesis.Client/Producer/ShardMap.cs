using Orleans.Kinesis.Client.Aggregation;
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client.Producer;

/// <summary>The open shards of a stream by hash range, to predict where a hash key lands (binary search).</summary>
internal sealed class ShardMap
{
    private readonly UInt128[] _starts;
    private readonly UInt128[] _ends;
    private readonly string[] _ids;
    private readonly Dictionary<string, (UInt128 Start, UInt128 End)> _all;

    public ShardMap(IEnumerable<Shard> shards)
    {
        var list = shards.ToList();
        _all = list.ToDictionary(s => s.ShardId, s => (HashKeys.Parse(s.HashKeyRange.StartingHashKey), HashKeys.Parse(s.HashKeyRange.EndingHashKey)), StringComparer.Ordinal);
        var open = list.Where(s => s.SequenceNumberRange.EndingSequenceNumber is null)
            .Select(s => (Start: HashKeys.Parse(s.HashKeyRange.StartingHashKey), End: HashKeys.Parse(s.HashKeyRange.EndingHashKey), s.ShardId))
            .OrderBy(s => s.Start)
            .ToArray();
        _starts = [.. open.Select(s => s.Start)];
        _ends = [.. open.Select(s => s.End)];
        _ids = [.. open.Select(s => s.ShardId)];
    }

    /// <summary>The open shard whose range holds <paramref name="hashKey"/>, or null (no map or a gap).</summary>
    public string? Predict(UInt128 hashKey)
    {
        var index = Array.BinarySearch(_starts, hashKey);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return index >= 0 && hashKey <= _ends[index] ? _ids[index] : null;
    }

    /// <summary>True when <paramref name="shardId"/> is known and its range holds <paramref name="hashKey"/>.</summary>
    public bool Covers(string shardId, UInt128 hashKey)
        => _all.TryGetValue(shardId, out var range) && hashKey >= range.Start && hashKey <= range.End;

    public bool Knows(string shardId) => _all.ContainsKey(shardId);
}
