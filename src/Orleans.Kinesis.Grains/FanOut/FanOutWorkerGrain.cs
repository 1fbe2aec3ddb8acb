using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Grains.Appends;

namespace Orleans.Kinesis.Grains.FanOut;

/// <summary>
/// Produces SubscribeToShard events, one call per event, from a cursor the caller keeps. A reentrant stateless
/// worker: calls for one shard spread over a local pool, and a call waiting for records never holds up another.
/// Each step checks the subscription's lease and consumer, applies the 2 MiB/s budget, then reads from the shard;
/// with nothing new it waits, up to the next heartbeat, for the shard's next "records appended" notice (relayed by
/// its <see cref="IShardAppendsGrain"/>, on whichever node) and reads again. A lost notice only delays records to
/// the heartbeat. Heartbeats, the lifetime and the budget follow the
/// injected <see cref="TimeProvider"/>.
/// </summary>
[StatelessWorker]
[Reentrant]
[GrainType("fan-out-worker")]
public sealed class FanOutWorkerGrain : Grain, IFanOutWorkerGrain
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);
    public const long BytesPerSecond = 2L * 1024 * 1024;
    public const long MaxEventBytes = 1024L * 1024;
    public const int MaxEventRecords = 10_000;

    private readonly TimeProvider _time;
    private readonly string _account;
    private readonly bool _limitRate;

    public FanOutWorkerGrain(TimeProvider time, IOptions<KinesisServiceOptions> options)
    {
        _time = time;
        _account = options.Value.AccountId;
        _limitRate = options.Value.EnforceThroughputLimits;
    }

    public async Task<SubscriptionStep> NextAsync(SubscriptionCursor cursor)
    {
        var start = cursor.Start;
        var shard = GrainFactory.GetGrain<IShardGrain>(start.ShardKey);
        var appends = GrainFactory.GetGrain<IShardAppendsGrain>(start.ShardKey);
        while (true)
        {
            if (await EndedAsync(start) is { } ended)
            {
                return new SubscriptionStep(SubscriptionEvent.Failed(ended, cursor.Position), null);
            }

            var now = Now();
            if (now >= cursor.ExpiresMs)
            {
                return new SubscriptionStep(null, null);
            }

            if (now - cursor.WindowStartMs >= 1000)
            {
                cursor = cursor with { WindowStartMs = now, WindowBytes = 0 };
            }

            var budget = _limitRate ? BytesPerSecond - cursor.WindowBytes : MaxEventBytes;
            if (budget <= 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(cursor.WindowStartMs + 1000 - now), _time);
                continue;
            }

            var read = await shard.ReadForSubscriptionAsync(cursor.Position, MaxEventRecords, Math.Min(budget, MaxEventBytes));
            var records = read.Records;
            var positions = read.Positions;
            var shardEnded = positions.EndingOrdinal is { } ending && records.NextOrdinal >= ending;
            now = Now();
            if (records.Count == 0 && !shardEnded && now < cursor.HeartbeatDueMs)
            {
                // Nothing new: wait for a notice of records past what is durable now (or the heartbeat), then check the
                // lease and read again.
                await appends.WaitAsync(Math.Max(records.NextOrdinal, positions.DurableOrdinal), Math.Min(cursor.HeartbeatDueMs, cursor.ExpiresMs));
                continue;
            }

            long bytes = 0;
            foreach (var record in records.Items)
            {
                bytes += record.PartitionKey.Length + record.Data.Length;
            }

            var behind = records.Count > 0 && records.NextOrdinal < positions.DurableOrdinal
                ? Math.Max(0, positions.LastArrivalTimeMs - records.Items[^1].ArrivalTimeMs)
                : 0;
            var next = shardEnded ? null : cursor with
            {
                Position = records.NextOrdinal,
                HeartbeatDueMs = now + (long)HeartbeatInterval.TotalMilliseconds,
                WindowBytes = cursor.WindowBytes + bytes,
            };
            return new SubscriptionStep(SubscriptionEvent.Data(records, behind, shardEnded), next);
        }
    }

    /// <summary>The error that ends the subscription: a later one took over its lease, or its consumer is gone.</summary>
    private async Task<KinesisException?> EndedAsync(SubscriptionStart start)
    {
        var current = GrainFactory.GetGrain<ISubscriptionLeaseGrain>(start.LeaseKey).IsCurrentAsync(start.Lease);
        var snapshot = await GrainFactory.GetGrain<IStreamGrain>(start.StreamName).GetSnapshotAsync();
        if (!await current)
        {
            return new KinesisException(KinesisErrors.ResourceInUse,
                $"Another subscription of consumer {start.ConsumerArn} took over shard {new ShardId(start.ShardIndex)}.");
        }

        if (snapshot is null || snapshot.CreatedTimeMs != start.StreamCreatedMs || !IsRegistered(snapshot, start.ConsumerArn))
        {
            return KinesisErrors.ConsumerNotFound(start.ConsumerArn, start.StreamName, _account);
        }

        return null;
    }

    private static bool IsRegistered(StreamSnapshot snapshot, string consumerArn)
    {
        foreach (var consumer in snapshot.Consumers)
        {
            if (string.Equals(consumer.ConsumerArn, consumerArn, StringComparison.Ordinal) && consumer.Status != ConsumerStatus.Deleting)
            {
                return true;
            }
        }

        return false;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
