using System.Diagnostics;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Gateway.Health;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Records;

namespace Orleans.Kinesis.Gateway.Diagnostics;

/// <summary>
/// Records the <c>AWS/Kinesis</c> metrics where a data-plane call's outcome is known (spec/metrics.md §3): one sample
/// per call and instrument, tagged <c>StreamName</c> (+ <c>ShardId</c> for the shard-level metrics a stream enabled,
/// + <c>ConsumerName</c> for enhanced fan-out). Does nothing but an <c>Enabled</c> check when metrics are off.
/// </summary>
public sealed class KinesisMetrics
{
    public const string StreamName = "StreamName";
    public const string ShardId = "ShardId";
    public const string ConsumerName = "ConsumerName";

    private readonly KinesisInstruments _i;
    private readonly TimeProvider _time;
    private readonly WriterHealth _health;

    public KinesisMetrics(KinesisInstruments instruments, WriterHealth health, TimeProvider time)
    {
        _i = instruments;
        _health = health;
        _time = time;
    }

    /// <summary>A timestamp for the latency of the call that starts now.</summary>
    public long Start() => _time.GetTimestamp();

    public void PutRecord(StreamRouting routing, PutRecordsRequest put, in AppendOutcome outcome, long started)
    {
        GatewayActivities.TagStream(routing.Snapshot.StreamName);
        _health.Observe(new ReadOnlySpan<AppendOutcome>(in outcome));
        if (!_i.IncomingRecords.Enabled)
        {
            return;
        }

        var stream = new TagList { { StreamName, routing.Snapshot.StreamName } };
        var ok = outcome.Error is null;
        var bytes = ok ? EntryBytes(put.Entries[0]) : 0;
        _i.PutRecordLatency.Record(_time.GetElapsedTime(started).TotalMilliseconds, stream);
        _i.PutRecordSuccess.Record(ok ? 1 : 0, stream);
        _i.WriteThroughputExceeded.Record(IsThrottle(outcome.Error) ? 1 : 0, stream);
        if (ok)
        {
            _i.PutRecordBytes.Record(bytes, stream);
            _i.IncomingBytes.Record(bytes, stream);
            _i.IncomingRecords.Record(1, stream);
        }

        var shardLevel = routing.Snapshot.EnabledShardMetrics();
        if (shardLevel != ShardLevelMetrics.None && outcome.ShardIdUtf8 is { } shardId)
        {
            var shard = Shard(routing.Snapshot.StreamName, System.Text.Encoding.UTF8.GetString(shardId));
            RecordShardPut(shardLevel, shard, ok ? 1 : 0, bytes, IsThrottle(outcome.Error) ? 1 : 0);
        }
    }

    public void PutRecords(StreamRouting routing, PutRecordsRequest put, AppendOutcome[] outcomes, long started)
    {
        GatewayActivities.TagStream(routing.Snapshot.StreamName);
        _health.Observe(outcomes);
        if (!_i.IncomingRecords.Enabled)
        {
            return;
        }

        long bytes = 0, succeeded = 0, throttled = 0, failed = 0;
        for (var e = 0; e < outcomes.Length; e++)
        {
            var error = outcomes[e].Error;
            if (error is null)
            {
                succeeded++;
                bytes += EntryBytes(put.Entries[e]);
            }
            else if (IsThrottle(error))
            {
                throttled++;
            }
            else
            {
                failed++;
            }
        }

        var stream = new TagList { { StreamName, routing.Snapshot.StreamName } };
        _i.PutRecordsLatency.Record(_time.GetElapsedTime(started).TotalMilliseconds, stream);
        _i.PutRecordsSuccess.Record(succeeded > 0 ? 1 : 0, stream);
        _i.PutRecordsTotalRecords.Record(outcomes.Length, stream);
        _i.PutRecordsSuccessfulRecords.Record(succeeded, stream);
        _i.PutRecordsFailedRecords.Record(failed, stream);
        _i.PutRecordsThrottledRecords.Record(throttled, stream);
        _i.PutRecordsBytes.Record(bytes, stream);
        _i.WriteThroughputExceeded.Record(throttled, stream);
        if (succeeded > 0)
        {
            _i.IncomingBytes.Record(bytes, stream);
            _i.IncomingRecords.Record(succeeded, stream);
        }

        var shardLevel = routing.Snapshot.EnabledShardMetrics();
        if (shardLevel != ShardLevelMetrics.None)
        {
            RecordShardPuts(shardLevel, routing, put, outcomes);
        }
    }

    public void GetRecords(StreamSnapshot snapshot, int shardIndex, ReadOnlySpan<RecordView> records, long started)
    {
        GatewayActivities.TagStream(snapshot.StreamName);
        if (!_i.GetRecordsRecords.Enabled)
        {
            return;
        }

        long bytes = 0;
        foreach (var record in records)
        {
            bytes += RecordFlags.PayloadBytes(record.PartitionKey.Length, record.Data.Length, record.Flags);
        }

        var age = records.Length == 0 ? 0 : Math.Max(0, _time.GetUtcNow().ToUnixTimeMilliseconds() - records[^1].ArrivalTimeMs);
        var stream = new TagList { { StreamName, snapshot.StreamName } };
        _i.GetRecordsBytes.Record(bytes, stream);
        _i.GetRecordsRecords.Record(records.Length, stream);
        _i.GetRecordsLatency.Record(_time.GetElapsedTime(started).TotalMilliseconds, stream);
        _i.GetRecordsSuccess.Record(1, stream);
        _i.GetRecordsIteratorAge.Record(age, stream);
        _i.ReadThroughputExceeded.Record(0, stream);

        var shardLevel = snapshot.EnabledShardMetrics();
        if (shardLevel != ShardLevelMetrics.None)
        {
            var shard = Shard(snapshot.StreamName, new ShardId(shardIndex).ToString());
            RecordShardRead(shardLevel, shard, bytes, records.Length);
            if ((shardLevel & ShardLevelMetrics.IteratorAgeMilliseconds) != 0)
            {
                _i.IteratorAge.Record(age, shard);
            }

            if ((shardLevel & ShardLevelMetrics.ReadProvisionedThroughputExceeded) != 0)
            {
                _i.ReadThroughputExceeded.Record(0, shard);
            }
        }
    }

    /// <summary>Awaits a shard read; one the shard refused for throughput counts as ReadProvisionedThroughputExceeded.</summary>
    public async Task<T> ReadingAsync<T>(Task<T> read, StreamSnapshot snapshot, int shardIndex)
    {
        try
        {
            return await read;
        }
        catch (KinesisException error) when (IsThrottle(error))
        {
            ReadRefused(snapshot, shardIndex);
            throw;
        }
    }

    private void ReadRefused(StreamSnapshot snapshot, int shardIndex)
    {
        if (!_i.ReadThroughputExceeded.Enabled)
        {
            return;
        }

        _i.ReadThroughputExceeded.Record(1, new TagList { { StreamName, snapshot.StreamName } });
        if ((snapshot.EnabledShardMetrics() & ShardLevelMetrics.ReadProvisionedThroughputExceeded) != 0)
        {
            _i.ReadThroughputExceeded.Record(1, Shard(snapshot.StreamName, new ShardId(shardIndex).ToString()));
        }
    }

    /// <summary>Awaits a subscription's lease: SubscribeToShard.Success when taken, .RateExceeded when refused.</summary>
    public async Task<T> SubscribingAsync<T>(Task<T> acquire, string streamName, string consumerName, string shardId)
    {
        try
        {
            var lease = await acquire;
            Subscribed(streamName, consumerName, shardId, success: true);
            return lease;
        }
        catch (KinesisException error) when (error.ErrorType is KinesisErrors.ResourceInUse or KinesisErrors.LimitExceeded)
        {
            Subscribed(streamName, consumerName, shardId, success: false);
            throw;
        }
    }

    /// <summary>A SubscribeToShard call established (<paramref name="success"/>) or refused for its rate.</summary>
    public void Subscribed(string streamName, string consumerName, string shardId, bool success)
    {
        GatewayActivities.TagStream(streamName);
        GatewayActivities.TagShard(shardId);
        if (!_i.SubscribeSuccess.Enabled)
        {
            return;
        }

        var consumer = new TagList { { StreamName, streamName }, { ConsumerName, consumerName } };
        (success ? _i.SubscribeSuccess : _i.SubscribeRateExceeded).Record(1, consumer);
    }

    /// <summary>One SubscribeToShardEvent pushed to a consumer.</summary>
    public void EventPushed(StreamSnapshot snapshot, string consumerName, string shardId, ReadOnlySpan<RecordView> records, long millisBehindLatest)
    {
        if (!_i.EventRecords.Enabled)
        {
            return;
        }

        long bytes = 0;
        foreach (var record in records)
        {
            bytes += RecordFlags.PayloadBytes(record.PartitionKey.Length, record.Data.Length, record.Flags);
        }

        var consumer = new TagList { { StreamName, snapshot.StreamName }, { ConsumerName, consumerName } };
        _i.EventBytes.Record(bytes, consumer);
        _i.EventRecords.Record(records.Length, consumer);
        _i.EventMillisBehindLatest.Record(millisBehindLatest, consumer);
        _i.EventSuccess.Record(1, consumer);
        var shardLevel = snapshot.EnabledShardMetrics();
        if (shardLevel != ShardLevelMetrics.None)
        {
            RecordShardRead(shardLevel, Shard(snapshot.StreamName, shardId), bytes, records.Length);
        }
    }

    private void RecordShardPuts(ShardLevelMetrics shardLevel, StreamRouting routing, PutRecordsRequest put, AppendOutcome[] outcomes)
    {
        var shardIds = routing.ShardIdsUtf8;
        for (var s = 0; s < shardIds.Length; s++)
        {
            long bytes = 0, succeeded = 0, throttled = 0;
            for (var e = 0; e < outcomes.Length; e++)
            {
                if (!ReferenceEquals(outcomes[e].ShardIdUtf8, shardIds[s]))
                {
                    continue;
                }

                if (outcomes[e].Error is null)
                {
                    succeeded++;
                    bytes += EntryBytes(put.Entries[e]);
                }
                else if (IsThrottle(outcomes[e].Error))
                {
                    throttled++;
                }
            }

            if (succeeded + throttled > 0)
            {
                RecordShardPut(shardLevel, Shard(routing.Snapshot.StreamName, routing.OpenShards[s].ShardId.ToString()), succeeded, bytes, throttled);
            }
        }
    }

    private void RecordShardPut(ShardLevelMetrics shardLevel, in TagList shard, long records, long bytes, long throttled)
    {
        if ((shardLevel & ShardLevelMetrics.IncomingBytes) != 0 && records > 0)
        {
            _i.IncomingBytes.Record(bytes, shard);
        }

        if ((shardLevel & ShardLevelMetrics.IncomingRecords) != 0 && records > 0)
        {
            _i.IncomingRecords.Record(records, shard);
        }

        if ((shardLevel & ShardLevelMetrics.WriteProvisionedThroughputExceeded) != 0)
        {
            _i.WriteThroughputExceeded.Record(throttled, shard);
        }
    }

    private void RecordShardRead(ShardLevelMetrics shardLevel, in TagList shard, long bytes, long records)
    {
        if ((shardLevel & ShardLevelMetrics.OutgoingBytes) != 0)
        {
            _i.OutgoingBytes.Record(bytes, shard);
        }

        if ((shardLevel & ShardLevelMetrics.OutgoingRecords) != 0)
        {
            _i.OutgoingRecords.Record(records, shard);
        }
    }

    private static TagList Shard(string streamName, string shardId) => new() { { StreamName, streamName }, { ShardId, shardId } };

    private static long EntryBytes(in PutEntry entry) => entry.PartitionKey.Length + entry.DataLength;

    private static bool IsThrottle(KinesisException? error) => error is { ErrorType: KinesisErrors.ProvisionedThroughputExceeded };
}
