using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Records;

namespace Orleans.Kinesis.Gateway.Records;

/// <summary>
/// The write path: routes each entry by its hash key to an open shard, sends one append per shard touched (in
/// parallel) and puts the outcomes back in request order. An append is acknowledged only when its shard says the
/// records are durable.
/// </summary>
public sealed partial class RecordAppender
{
    private readonly IGrainFactory _grains;
    private readonly StreamResolver _streams;
    private readonly ILogger<RecordAppender> _logger;

    public RecordAppender(IGrainFactory grains, StreamResolver streams, ILogger<RecordAppender> logger)
    {
        _grains = grains;
        _streams = streams;
        _logger = logger;
    }

    /// <summary>The stream's routing for a write; RNF when it does not exist or is still CREATING.</summary>
    public async ValueTask<StreamRouting> GetWritableAsync(string streamName)
    {
        Diagnostics.GatewayActivities.TagStream(streamName);
        var routing = await _streams.TryGetRoutingAsync(streamName);
        if (routing is null || routing.Snapshot.Status == StreamStatus.Creating)
        {
            throw KinesisErrors.StreamNotFound(streamName, _streams.Account);
        }

        return routing;
    }

    /// <summary>
    /// Appends the entries; fills <paramref name="outcomes"/> (one per entry) and returns how many failed. Entries
    /// that reached a shard a reshard has just closed are routed again, once, on a fresh snapshot.
    /// </summary>
    public async Task<int> AppendAsync(StreamRouting routing, PutRecordsRequest request, AppendOutcome[] outcomes)
    {
        var closed = await AttemptAsync(routing, request, entries: null, outcomes);
        if (closed is not null)
        {
            if (await _streams.RefreshSettledAsync(routing.Snapshot.StreamName) is { } fresh && fresh.Snapshot.CreatedTimeMs == routing.Snapshot.CreatedTimeMs)
            {
                closed = await AttemptAsync(fresh, request, [.. closed], outcomes);
            }

            foreach (var i in closed ?? [])
            {
                outcomes[i] = new AppendOutcome(default, null, new KinesisException(KinesisErrors.InternalFailure, "Internal service failure.", 500));
            }
        }

        var failed = 0;
        var unexpected = false;
        foreach (var outcome in outcomes)
        {
            failed += outcome.Error is null ? 0 : 1;
            unexpected |= outcome.Error is { ErrorType: not KinesisErrors.ProvisionedThroughputExceeded };
        }

        if (unexpected)
        {
            _streams.Invalidate(routing.Snapshot.StreamName);
        }

        return failed;
    }

    /// <summary>
    /// One routing pass over the entries at <paramref name="entries"/> (all of them when null); its task gives those
    /// whose shard was closed (null when none was).
    /// </summary>
    private Task<List<int>?> AttemptAsync(StreamRouting routing, PutRecordsRequest request, int[]? entries, AppendOutcome[] outcomes)
    {
        var shards = routing.OpenShards;
        var count = entries?.Length ?? request.Count;
        var shardOf = new int[count];
        var perShard = new int[shards.Length];
        for (var e = 0; e < count; e++)
        {
            ref readonly var entry = ref request.Entries[entries?[e] ?? e];
            var hash = entry.ExplicitHashKey is { } explicitKey
                ? UInt128.Parse(explicitKey, NumberStyles.None, CultureInfo.InvariantCulture)
                : HashKeyRange.HashPartitionKey(entry.PartitionKey.Span);
            var position = ShardRouter.Find(shards, hash);
            shardOf[e] = position;
            perShard[position]++;
        }

        var calls = new Task<ShardAppendResult>?[shards.Length];
        var batches = OwnedBatches(request, entries, shardOf, perShard);
        for (var s = 0; s < shards.Length; s++)
        {
            if (batches[s] is { } batch)
            {
                calls[s] = routing.ShardGrain(s, _grains).AppendAsync(ShardAppend.For(routing.Snapshot, batch));
            }
        }

        return CollectAsync(routing, entries, outcomes, calls, shardOf);
    }

    /// <summary>
    /// Copies each shard's entries into memory of its own (partition keys and data), so that a shard call never holds
    /// a slice of the pooled request body: a call the gateway stopped waiting for can still read its records safely.
    /// The copies go into small chunks (<see cref="OwnedChunks"/>); data is decoded from its base64 straight into them
    /// (one vectorized pass, no in-place decode and copy). When the stream encrypts, the shard seals them, at
    /// the sequence numbers it assigns. A shard no entry goes to gets no batch (null).
    /// </summary>
    private static RecordEntry[]?[] OwnedBatches(PutRecordsRequest request, int[]? entries, int[] shardOf, int[] perShard)
    {
        var sizes = new long[perShard.Length];
        for (var e = 0; e < shardOf.Length; e++)
        {
            ref readonly var entry = ref request.Entries[entries?[e] ?? e];
            sizes[shardOf[e]] += entry.PartitionKey.Length + entry.DataLength;
        }

        var chunks = new OwnedChunks[perShard.Length];
        var batches = new RecordEntry[]?[perShard.Length];
        for (var s = 0; s < perShard.Length; s++)
        {
            if (perShard[s] > 0)
            {
                chunks[s] = new OwnedChunks(sizes[s]);
                batches[s] = new RecordEntry[perShard[s]];
            }
        }

        var fill = new int[perShard.Length];
        for (var e = 0; e < shardOf.Length; e++)
        {
            ref readonly var entry = ref request.Entries[entries?[e] ?? e];
            var s = shardOf[e];
            var key = chunks[s].Take(entry.PartitionKey.Length);
            entry.PartitionKey.Span.CopyTo(key.Span);
            var data = chunks[s].Take(entry.DataLength);
            entry.CopyDataTo(data.Span);
            batches[s]![fill[s]++] = new RecordEntry(key, data);
        }

        return batches;
    }

    /// <summary>Waits for the shard calls and puts their outcomes back in request order; gives the entries whose shard was closed.</summary>
    private async Task<List<int>?> CollectAsync(StreamRouting routing, int[]? entries, AppendOutcome[] outcomes, Task<ShardAppendResult>?[] calls, int[] shardOf)
    {
        var shards = routing.OpenShards;
        var results = new ShardAppendResult[shards.Length];
        var failures = new KinesisException?[shards.Length];
        for (var s = 0; s < shards.Length; s++)
        {
            if (calls[s] is not { } call)
            {
                continue;
            }

            try
            {
                results[s] = await call;
            }
            catch (KinesisException error)
            {
                failures[s] = error;
            }
            catch (Exception exception)
            {
                Log.ShardAppendFailed(_logger, routing.GrainKeys[s], exception);
                failures[s] = new KinesisException(KinesisErrors.InternalFailure, "Internal service failure.", 500);
            }
        }

        var throttled = new KinesisException?[shards.Length]; // one error per shard, shared by its refused entries
        List<int>? closed = null;
        var tag = routing.Snapshot.SequenceTag;
        var encrypted = routing.Snapshot.EncryptionKeySlot >= 0;
        for (var e = 0; e < shardOf.Length; e++)
        {
            var i = entries?[e] ?? e;
            var s = shardOf[e];
            if (failures[s] is { ErrorType: KinesisErrors.ShardClosed })
            {
                (closed ??= []).Add(i);
            }
            else if (failures[s] is { } error)
            {
                outcomes[i] = new AppendOutcome(default, null, error);
            }
            else if (results[s].Accepted == 0)
            {
                outcomes[i] = new AppendOutcome(default, routing.ShardIdsUtf8[s], // the shard, for the shard-level metrics
                    throttled[s] ??= KinesisErrors.RateExceeded(shards[s].ShardId.ToString(), routing.Snapshot.StreamName, _streams.Account));
            }
            else
            {
                // A shard accepts a prefix of its batch, numbered in batch order: this entry takes the next ordinal.
                var ordinal = results[s].FirstOrdinal;
                results[s] = new ShardAppendResult(ordinal + 1, results[s].Accepted - 1);
                outcomes[i] = new AppendOutcome(SequenceNumber.Create(shards[s].Index, (ulong)ordinal + 1, tag), routing.ShardIdsUtf8[s], null)
                {
                    Encrypted = encrypted,
                };
            }
        }

        return closed;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = GatewayEventIds.ShardCallFailed, Level = LogLevel.Error, Message = "Append to shard {ShardKey} failed")]
        public static partial void ShardAppendFailed(ILogger logger, string shardKey, Exception exception);
    }
}
