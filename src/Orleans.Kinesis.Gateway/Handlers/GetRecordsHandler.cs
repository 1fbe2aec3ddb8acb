using System.Globalization;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Iterators;
using Orleans.Kinesis.Gateway.Json;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// GetRecords: reads up to Limit (≤10,000) records and 10 MiB from the iterator's position and returns them with a new
/// iterator and MillisBehindLatest. Data is written straight from the log's bytes as base64. At the end of a closed
/// shard the response has no NextShardIterator and lists the shard's ChildShards instead.
/// </summary>
public sealed class GetRecordsHandler : IOperationHandler
{
    public const long MaxResponseBytes = 10L * 1024 * 1024;
    public const long IteratorLifetimeMs = 300_000;

    private readonly IGrainFactory _grains;
    private readonly StreamResolver _streams;
    private readonly TokenCodec _tokens;
    private readonly TimeProvider _time;
    private readonly RecordCipher _cipher;
    private readonly KinesisMetrics _metrics;

    public GetRecordsHandler(IGrainFactory grains, StreamResolver streams, TokenCodec tokens, TimeProvider time, RecordCipher cipher, KinesisMetrics metrics)
    {
        _metrics = metrics;
        _cipher = cipher;
        _grains = grains;
        _streams = streams;
        _tokens = tokens;
        _time = time;
    }

    public KinesisOperation Operation => KinesisOperation.GetRecords;

    public async Task HandleAsync(KinesisRequest request)
    {
        var started = _metrics.Start();
        string? iteratorText = null, arn = null;
        int? limit = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (member.SequenceEqual("ShardIterator"u8))
            {
                iteratorText = reader.ReadString();
            }
            else if (member.SequenceEqual("Limit"u8))
            {
                limit = reader.ReadInt32();
            }
            else if (member.SequenceEqual("StreamARN"u8))
            {
                arn = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        errors.Required(iteratorText, "shardIterator");
        errors.Length(iteratorText, "shardIterator", 1, 512);
        errors.Range(limit, "limit", 1, 10000);
        errors.StreamArn(arn);
        errors.ThrowIfAny();

        if (!_tokens.TryDecodeIterator(iteratorText!, out var iterator))
        {
            throw KinesisErrors.InvalidArgumentError("Invalid ShardIterator.");
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - iterator.IssuedMs > IteratorLifetimeMs)
        {
            throw new KinesisException(KinesisErrors.ExpiredIterator, string.Create(CultureInfo.InvariantCulture,
                $"Iterator expired. The iterator was created at time {JavaDate(iterator.IssuedMs)} while right now it is {JavaDate(now)} which is further in the future than the tolerated delay of {IteratorLifetimeMs} milliseconds."));
        }

        var snapshot = await _streams.TryGetAsync(iterator.StreamName);
        if (snapshot is null || snapshot.CreatedTimeMs != iterator.StreamCreatedMs)
        {
            throw KinesisErrors.StreamNotFound(iterator.StreamName, _streams.Account);
        }

        if (snapshot.FindShard(iterator.ShardIndex) is null)
        {
            throw KinesisErrors.ShardNotFound(new ShardId(iterator.ShardIndex).ToString(), iterator.StreamName, _streams.Account);
        }

        var grain = _grains.GetGrain<IShardGrain>(StreamStorage.ShardKey(iterator.StreamName, iterator.StreamCreatedMs, iterator.ShardIndex));
        var read = await _metrics.ReadingAsync(grain.ReadAsync(iterator.Ordinal, limit ?? 10000, MaxResponseBytes), snapshot, iterator.ShardIndex);
        var positions = read.Positions;
        var next = read.Records.NextOrdinal;
        var shardEnded = positions.EndingOrdinal is { } ending && next >= ending;
        if (shardEnded && !SnapshotJson.HasChildren(snapshot, iterator.ShardIndex))
        {
            // The shard closed after the cached snapshot was taken: its children are in a newer one.
            _streams.Invalidate(iterator.StreamName);
            snapshot = await _streams.GetAsync(iterator.StreamName);
        }

        if (RecordOpener.AnyEncrypted(read.Records.Records, out var highestSlot) && highestSlot >= snapshot.EncryptionKeys.Count)
        {
            // Encrypted under a key the cached snapshot does not list yet.
            _streams.Invalidate(iterator.StreamName);
            snapshot = await _streams.GetAsync(iterator.StreamName);
        }

        using var opener = highestSlot >= 0 ? new RecordOpener(_cipher, snapshot, iterator.ShardIndex) : null;
        var records = read.Records.Records;
        _metrics.GetRecords(snapshot, iterator.ShardIndex, records, started);

        using var response = new JsonResponse((int)Math.Min(RecordsJson.EstimateBytes(records), Array.MaxLength));
        var writer = response.Writer;
        writer.WriteStartObject();
        RecordsJson.WriteRecords(writer, records, iterator.ShardIndex, snapshot.SequenceTag, opener);
        if (!shardEnded)
        {
            var token = new ShardIteratorToken(iterator.StreamName, iterator.StreamCreatedMs, iterator.ShardIndex, next, now);
            writer.WriteString("NextShardIterator"u8, _tokens.EncodeIterator(token));
        }
        else
        {
            SnapshotJson.WriteChildShards(writer, snapshot, iterator.ShardIndex);
        }

        var behind = records.Length > 0 && next < positions.DurableOrdinal
            ? Math.Max(0, positions.LastArrivalTimeMs - records[^1].ArrivalTimeMs)
            : 0;
        writer.WriteNumber("MillisBehindLatest"u8, behind);
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    /// <summary>A time as Java's Date.toString prints it in UTC, e.g. <c>Mon Jan 15 12:00:00 UTC 2024</c>.</summary>
    private static string JavaDate(long epochMs)
        => DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
