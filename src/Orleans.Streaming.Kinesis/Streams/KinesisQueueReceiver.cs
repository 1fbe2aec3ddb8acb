using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Aggregation;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Model;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streaming.Kinesis.Options;
using Orleans.Streams;

namespace Orleans.Streaming.Kinesis.Streams;

/// <summary>
/// Reads the shards of one queue (those whose starting hash key lies in the queue's range) by polling GetRecords,
/// children only after their parents reached SHARD_END, and checkpoints (sequence, sub-sequence) in the lease store
/// when the pulling agent reports records delivered. The pulling agent calls it one call at a time.
/// </summary>
internal sealed partial class KinesisQueueReceiver(
    QueueId queueId, KinesisClient client, ILeaseStore store, KinesisStreamOptions options, TimeProvider time, ILogger logger) : IQueueAdapterReceiver
{
    private readonly SortedDictionary<string, ShardReader> _readers = new(StringComparer.Ordinal);
    private readonly int _queueIndex = (int)queueId.GetNumericId();
    private HashSet<string> _listed = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSync = DateTimeOffset.MinValue;
    private long _nextToken;
    private bool _stopped;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public Task Shutdown(TimeSpan timeout)
    {
        _stopped = true;
        return Task.CompletedTask;
    }

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        var batch = new List<IBatchContainer>();
        if (_stopped)
        {
            return batch;
        }

        var now = time.GetUtcNow();
        if (now >= _nextSync)
        {
            await SyncShardsAsync().ConfigureAwait(false);
            _nextSync = now + options.ShardSyncInterval;
        }

        var budget = maxCount > 0 ? maxCount : options.MaxRecordsPerRead;
        foreach (var reader in _readers.Values)
        {
            if (batch.Count >= budget)
            {
                break;
            }

            if (reader.Finished || (!reader.Started && !await ParentsFinishedAsync(reader, now).ConfigureAwait(false)))
            {
                continue;
            }

            await ReadAsync(reader, budget, batch).ConfigureAwait(false);
        }

        return batch;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        var touched = new HashSet<ShardReader>();
        foreach (var message in messages)
        {
            if (message is KinesisBatchContainer { Record: var record } && _readers.TryGetValue(record.ShardId, out var reader))
            {
                reader.Outstanding--;
                var position = new ExtendedSequenceNumber(record.SequenceNumber, record.SubSequenceNumber);
                if (reader.Delivered is null || position.CompareTo(reader.Delivered) > 0)
                {
                    reader.Delivered = position;
                }

                touched.Add(reader);
            }
        }

        foreach (var reader in touched)
        {
            await CheckpointAsync(reader, reader.Drained ? ExtendedSequenceNumber.ShardEnd : reader.Delivered!).ConfigureAwait(false);
        }
    }

    private async Task SyncShardsAsync()
    {
        List<Shard> shards;
        try
        {
            shards = await client.ListAllShardsAsync(options.StreamName).ConfigureAwait(false);
        }
        catch (KinesisServiceException error)
        {
            Log.ShardSyncFailed(logger, error, options.StreamName, queueId);
            return;
        }

        _listed = new HashSet<string>(shards.Select(s => s.ShardId), StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            if (_readers.ContainsKey(shard.ShardId) || QueueRanges.QueueOf(shard.HashKeyRange.StartingHashKey, options.QueueCount) != _queueIndex)
            {
                continue;
            }

            var parents = Parents(shard);
            var initial = parents.Any(_listed.Contains) ? ExtendedSequenceNumber.TrimHorizon : options.InitialPosition;
            await store.CreateIfNotExistsAsync(
                new Lease
                {
                    LeaseKey = shard.ShardId,
                    LeaseOwner = queueId.ToString(),
                    Checkpoint = initial,
                    ParentShardIds = parents,
                    StartingHashKey = shard.HashKeyRange.StartingHashKey,
                    EndingHashKey = shard.HashKeyRange.EndingHashKey,
                },
                CancellationToken.None).ConfigureAwait(false);
            var lease = await store.GetAsync(shard.ShardId, CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The checkpoint of {shard.ShardId} vanished right after it was created.");
            _readers.Add(shard.ShardId, new ShardReader(shard, lease));
            Log.ShardAssigned(logger, shard.ShardId, queueId, lease.Checkpoint);
        }
    }

    private async Task<bool> ParentsFinishedAsync(ShardReader reader, DateTimeOffset now)
    {
        if (now < reader.NextParentCheck)
        {
            return false;
        }

        reader.NextParentCheck = now + options.ParentShardPollInterval;
        foreach (var parent in Parents(reader.Shard))
        {
            // A parent no longer listed has aged out of retention: nothing of it is left to read.
            if (_listed.Contains(parent) && await store.GetAsync(parent, CancellationToken.None).ConfigureAwait(false) is not { Checkpoint.IsShardEnd: true })
            {
                return false;
            }
        }

        reader.Started = true;
        return true;
    }

    private async Task ReadAsync(ShardReader reader, int budget, List<IBatchContainer> batch)
    {
        if (reader.Pending.Count == 0 && !reader.Ended)
        {
            reader.Iterator ??= await GetIteratorAsync(reader).ConfigureAwait(false);
            GetRecordsResponse response;
            try
            {
                response = await client.GetRecordsAsync(new GetRecordsRequest { ShardIterator = reader.Iterator, Limit = Math.Min(budget - batch.Count, options.MaxRecordsPerRead) }).ConfigureAwait(false);
            }
            catch (ExpiredIteratorException)
            {
                reader.Iterator = null; // the next round resumes after the last record read
                return;
            }
            catch (ProvisionedThroughputExceededException)
            {
                return; // read again next round (the client already backed off)
            }

            foreach (var record in response.Records)
            {
                foreach (var user in Deaggregator.Deaggregate(record, reader.Shard.HashKeyRange))
                {
                    Enqueue(reader, user);
                }
            }

            reader.Iterator = response.NextShardIterator;
            reader.Ended = response.NextShardIterator is null;
        }

        while (batch.Count < budget && reader.Pending.TryDequeue(out var container))
        {
            batch.Add(container);
            reader.Outstanding++;
        }

        if (reader.Drained)
        {
            await CheckpointAsync(reader, ExtendedSequenceNumber.ShardEnd).ConfigureAwait(false);
        }
    }

    private void Enqueue(ShardReader reader, KinesisClientRecord user)
    {
        var position = new ExtendedSequenceNumber(user.SequenceNumber, user.SubSequenceNumber);
        if (reader.SkipThrough is { } skip)
        {
            if (position.CompareTo(skip) <= 0)
            {
                return;
            }

            reader.SkipThrough = null;
        }

        var record = new KinesisStreamRecord
        {
            ShardId = reader.Shard.ShardId,
            PartitionKey = user.PartitionKey,
            SequenceNumber = user.SequenceNumber,
            SubSequenceNumber = user.SubSequenceNumber,
            ApproximateArrivalTimestamp = user.ApproximateArrivalTimestamp,
            Data = user.Data.ToArray(),
        };
        reader.Pending.Enqueue(new KinesisBatchContainer(StreamId.Create(options.Namespace, user.PartitionKey), record, new EventSequenceTokenV2(_nextToken++)));
        reader.LastRead = position;
    }

    /// <summary>An iterator at the last record read (after an expiry) or at the checkpoint, skipping what was seen.</summary>
    private async Task<string> GetIteratorAsync(ShardReader reader)
    {
        var from = reader.LastRead ?? reader.Lease.Checkpoint;
        var request = new GetShardIteratorRequest { StreamName = options.StreamName, ShardId = reader.Shard.ShardId, ShardIteratorType = ShardIteratorTypes.TrimHorizon };
        if (from == ExtendedSequenceNumber.Latest)
        {
            request = request with { ShardIteratorType = ShardIteratorTypes.Latest };
        }
        else if (!from.IsSentinel)
        {
            request = request with { ShardIteratorType = ShardIteratorTypes.AtSequenceNumber, StartingSequenceNumber = from.SequenceNumber };
            reader.SkipThrough = from;
        }

        return (await client.GetShardIteratorAsync(request).ConfigureAwait(false)).ShardIterator
            ?? throw new InvalidOperationException($"GetShardIterator answered no iterator for {reader.Shard.ShardId}.");
    }

    private async Task CheckpointAsync(ShardReader reader, ExtendedSequenceNumber position)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var lease = reader.Lease;
            var next = lease with { LeaseOwner = queueId.ToString(), LeaseCounter = lease.LeaseCounter + 1, Checkpoint = position };
            if (await store.UpdateAsync(next, lease.LeaseCounter, CancellationToken.None).ConfigureAwait(false))
            {
                reader.Lease = next;
                if (position.IsShardEnd && !reader.Finished)
                {
                    reader.Finished = true;
                    Log.ShardFinished(logger, reader.Shard.ShardId, queueId);
                }

                return;
            }

            // Another writer (this queue's previous owner during a rebalance) moved the lease: adopt it unless it is behind.
            if (await store.GetAsync(lease.LeaseKey, CancellationToken.None).ConfigureAwait(false) is not { } current)
            {
                return;
            }

            reader.Lease = current;
            if (current.Checkpoint.CompareTo(position) >= 0)
            {
                reader.Finished |= current.Checkpoint.IsShardEnd;
                return;
            }
        }

        Log.CheckpointContended(logger, reader.Shard.ShardId, queueId, position);
    }

    private static List<string> Parents(Shard shard)
    {
        var parents = new List<string>(2);
        if (shard.ParentShardId is { } parent)
        {
            parents.Add(parent);
        }

        if (shard.AdjacentParentShardId is { } adjacent)
        {
            parents.Add(adjacent);
        }

        return parents;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Listing the shards of {Stream} for queue {Queue} failed; retrying at the next sync")]
        public static partial void ShardSyncFailed(ILogger logger, Exception error, string stream, QueueId queue);

        [LoggerMessage(2, LogLevel.Information, "Shard {ShardId} is read by queue {Queue} from {Checkpoint}")]
        public static partial void ShardAssigned(ILogger logger, string shardId, QueueId queue, ExtendedSequenceNumber checkpoint);

        [LoggerMessage(3, LogLevel.Information, "Shard {ShardId} of queue {Queue} is read and delivered to its end")]
        public static partial void ShardFinished(ILogger logger, string shardId, QueueId queue);

        [LoggerMessage(4, LogLevel.Warning, "Checkpoint {Position} of shard {ShardId} (queue {Queue}) lost three races in a row; the next delivery retries it")]
        public static partial void CheckpointContended(ILogger logger, string shardId, QueueId queue, ExtendedSequenceNumber position);
    }
}
