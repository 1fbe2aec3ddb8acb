using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Grains.FanOut;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Kinesis.Storage.Logs;

namespace Orleans.Kinesis.Grains.Streams;

/// <summary>Resharding: SplitShard, MergeShards, UpdateShardCount, on-demand splits of hot shards and warm throughput.</summary>
public sealed partial class StreamGrain
{
    public async Task SplitShardAsync(int shardIndex, UInt128 newStartingHashKey)
    {
        var state = RequireReshardable("SplitShard");
        var shard = FindShard(state, shardIndex);
        if (shard.EndingOrdinal is not null)
        {
            throw KinesisErrors.InvalidArgumentError(
                $"Shard {new ShardId(shardIndex)} in stream {GrainKey} under account {_options.AccountId} has already been merged or split, and thus is not eligible for merging or splitting.");
        }

        var start = ReshardPlan.Start(shard);
        var end = ReshardPlan.End(shard);
        if (newStartingHashKey <= start || newStartingHashKey - start <= 1 || newStartingHashKey >= end)
        {
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"NewStartingHashKey {newStartingHashKey} used in SplitShard() on shard {new ShardId(shardIndex)} in stream {GrainKey} under account {_options.AccountId} is not both greater than one plus the shard's StartingHashKey {start} and less than the shard's EndingHashKey {end}."));
        }

        var plan = new ReshardPlan(state, _time.GetUtcNow().ToUnixTimeMilliseconds());
        plan.Split(shard, newStartingHashKey);
        await ApplyAsync(state, plan);
    }

    public async Task MergeShardsAsync(int shardIndex, int adjacentShardIndex)
    {
        var state = RequireReshardable("MergeShards");
        var shard = FindShard(state, shardIndex);
        var adjacent = FindShard(state, adjacentShardIndex);
        var adjacentRanges = Follows(shard, adjacent) || Follows(adjacent, shard);
        if (shardIndex == adjacentShardIndex || shard.EndingOrdinal is not null || adjacent.EndingOrdinal is not null || !adjacentRanges)
        {
            throw KinesisErrors.InvalidArgumentError(
                $"Shards {new ShardId(shardIndex)} and {new ShardId(adjacentShardIndex)} in stream {GrainKey} under account {_options.AccountId} are not an adjacent pair of shards eligible for merging");
        }

        var plan = new ReshardPlan(state, _time.GetUtcNow().ToUnixTimeMilliseconds());
        plan.Merge(shard, adjacent);
        await ApplyAsync(state, plan);
    }

    public async Task<int> UpdateShardCountAsync(int targetShardCount)
    {
        var state = RequireReshardable("UpdateShardCount");
        var open = state.Shards.Where(static s => s.EndingOrdinal is null).ToList();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        state.ScalingOperationTimesMs.RemoveAll(t => t <= now - DayMs);
        if (state.ScalingOperationTimesMs.Count >= MaxScalingOperationsPerDay)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"Exceeded the limit of {MaxScalingOperationsPerDay} UpdateShardCount operations in a rolling 24 hours for stream {GrainKey} under account {_options.AccountId}."));
        }

        if (targetShardCount > 2L * open.Count)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: {open.Count} Target shard count: {targetShardCount}"));
        }

        if (2L * targetShardCount < open.Count)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: {open.Count} Target shard count: {targetShardCount}"));
        }

        if (targetShardCount > MaxShardsPerStream)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"UpdateShardCount cannot scale stream {GrainKey} under account {_options.AccountId} above {MaxShardsPerStream} shards. Target shard count: {targetShardCount}"));
        }

        var plan = new ReshardPlan(state, now);
        plan.ScaleUniformly(open, targetShardCount);
        state.ScalingOperationTimesMs.Add(now);
        await ApplyAsync(state, plan);
        return open.Count;
    }

    public async Task ReportHotShardAsync(int shardIndex)
    {
        if (!_state.RecordExists)
        {
            return;
        }

        var state = _state.State;
        var shard = state.Shards.Find(s => s.Index == shardIndex);
        if (state.Mode != nameof(StreamMode.OnDemand) || state.Status != nameof(StreamStatus.Active) || shard is not { EndingOrdinal: null })
        {
            return;
        }

        var start = ReshardPlan.Start(shard);
        var end = ReshardPlan.End(shard);
        if (end - start < 3 || state.Shards.Count(s => s.EndingOrdinal is null) >= MaxShardsPerStream)
        {
            return;
        }

        var plan = new ReshardPlan(state, _time.GetUtcNow().ToUnixTimeMilliseconds());
        plan.Split(shard, start + ((end - start) / 2) + 1);
        Log.HotShardSplit(_logger, GrainKey, shardIndex);
        await ApplyAsync(state, plan);
    }

    public async Task<int> SetWarmThroughputAsync(int targetMiBps)
    {
        var state = RequireActive();
        if (state.Mode != nameof(StreamMode.OnDemand))
        {
            throw KinesisErrors.InvalidArgumentError(
                $"Warm throughput can only be set on an ON_DEMAND stream; stream {GrainKey} under account {_options.AccountId} is PROVISIONED.");
        }

        var open = state.Shards.Where(static s => s.EndingOrdinal is null).ToList();
        state.WarmThroughputMiBps = targetMiBps;
        if (open.Count >= targetMiBps)
        {
            await WriteAsync();
            return open.Count;
        }

        // Split the widest open shard at its middle until there is a shard per MiB/s of the target.
        var plan = new ReshardPlan(state, _time.GetUtcNow().ToUnixTimeMilliseconds());
        var widths = open.ToDictionary(static s => s, static s => ReshardPlan.End(s) - ReshardPlan.Start(s));
        while (widths.Count < Math.Min(targetMiBps, MaxShardsPerStream))
        {
            var widest = widths.MaxBy(static w => w.Value).Key;
            widths.Remove(widest);
            var start = ReshardPlan.Start(widest);
            var (lower, upper) = plan.Split(widest, start + ((ReshardPlan.End(widest) - start) / 2) + 1);
            widths[lower] = ReshardPlan.End(lower) - ReshardPlan.Start(lower);
            widths[upper] = ReshardPlan.End(upper) - ReshardPlan.Start(upper);
        }

        var count = widths.Count;
        await ApplyAsync(state, plan);
        return count;
    }

    /// <summary>A stream that may be resharded now: PROVISIONED (else V) and ACTIVE (else RIU).</summary>
    private StreamState RequireReshardable(string operation)
    {
        var state = RequireExists();
        if (state.Mode == nameof(StreamMode.OnDemand))
        {
            throw KinesisErrors.ValidationError(
                $"{operation} is not supported for stream {GrainKey} under account {_options.AccountId} because it is in ON_DEMAND mode; the service manages its shards.");
        }

        if (state.Status != nameof(StreamStatus.Active))
        {
            throw KinesisErrors.StreamNotActive(GrainKey, _options.AccountId, state.Status.ToUpperInvariant());
        }

        return state;
    }

    /// <summary>Whether <paramref name="upper"/>'s range starts right after <paramref name="lower"/>'s (no wrap at 2^128).</summary>
    private static bool Follows(ShardRecord lower, ShardRecord upper)
    {
        var end = ReshardPlan.End(lower);
        return end != UInt128.MaxValue && end + 1 == ReshardPlan.Start(upper);
    }

    private ShardRecord FindShard(StreamState state, int index)
    {
        foreach (var shard in state.Shards)
        {
            if (shard.Index == index)
            {
                return shard;
            }
        }

        throw KinesisErrors.CouldNotFindShard(new ShardId(index).ToString(), GrainKey, _options.AccountId);
    }

    /// <summary>
    /// Applies a reshard: the stream turns UPDATING with the plan recorded, the new shards are created, the replaced
    /// shards are closed (each returns where it ends) and the shard map is written. Between a parent closing and the
    /// map being written, appends routed to it fail and the gateway retries on a fresh snapshot.
    /// </summary>
    private async Task ApplyAsync(StreamState state, ReshardPlan plan)
    {
        state.Status = nameof(StreamStatus.Updating);
        state.PendingShards = plan.Created;
        state.PendingClosing = [.. plan.Closing.Select(static s => s.Index)];
        await WriteAsync();
        try
        {
            await FinishReshardAsync(state);
        }
        finally
        {
            ScheduleTransition(_options.UpdateStreamDelay);
        }
    }

    /// <summary>Carries out the recorded reshard; every step is idempotent, so an interrupted one can run again.</summary>
    private async Task FinishReshardAsync(StreamState state)
    {
        foreach (var shard in state.PendingShards)
        {
            await ShardGrain(state, shard.Index).InitializeAsync(StreamSnapshots.Describe(shard), state.RetentionPeriodHours);
        }

        var closing = new List<ShardRecord>(state.PendingClosing.Count);
        foreach (var index in state.PendingClosing)
        {
            closing.Add(FindShard(state, index));
        }

        var endings = await Task.WhenAll(closing.Select(s => ShardGrain(state, s.Index).CloseAsync()));
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < endings.Length; i++)
        {
            closing[i].EndingOrdinal = endings[i];
            closing[i].ClosedTimeMs ??= now;
        }

        var created = state.PendingShards.Count;
        state.Shards.AddRange(state.PendingShards);
        state.PendingShards = [];
        state.PendingClosing = [];
        await WriteAsync();
        Log.StreamResharded(_logger, GrainKey, closing.Count, created);
    }
}
