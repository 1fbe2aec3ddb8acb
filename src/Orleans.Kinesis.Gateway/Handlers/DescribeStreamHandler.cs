using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Json;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// DescribeStream: metadata and up to Limit (≤100) unexpired shards after ExclusiveStartShardId; no shards while
/// CREATING.
/// </summary>
public sealed class DescribeStreamHandler : IOperationHandler
{
    private readonly StreamResolver _streams;
    private readonly TimeProvider _time;

    public DescribeStreamHandler(StreamResolver streams, TimeProvider time)
    {
        _streams = streams;
        _time = time;
    }

    public KinesisOperation Operation => KinesisOperation.DescribeStream;

    public async Task HandleAsync(KinesisRequest request)
    {
        string? name = null, arn = null, exclusiveStart = null;
        int? limit = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("Limit"u8))
            {
                limit = reader.ReadInt32();
            }
            else if (member.SequenceEqual("ExclusiveStartShardId"u8))
            {
                exclusiveStart = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.Range(limit, "limit", 1, 10000);
        errors.Length(exclusiveStart, "exclusiveStartShardId", 1, 128);
        errors.Pattern(exclusiveStart, "exclusiveStartShardId", Patterns.IsName, ValidationErrors.StreamNamePattern);
        errors.ThrowIfAny();

        var snapshot = await _streams.GetAsync(_streams.ResolveName(name, arn));
        var take = Math.Min(limit ?? 100, 100);
        var startAfter = exclusiveStart is not null && ShardId.TryParse(exclusiveStart, out var start) ? start.Index : -1;
        var shards = snapshot.Status == StreamStatus.Creating ? [] : ShardPages.SortedByIndex(snapshot.Shards);
        var window = ShardWindow.Of(null, null, snapshot, _time.GetUtcNow().ToUnixTimeMilliseconds());

        using var response = new JsonResponse(2048);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartObject("StreamDescription"u8);
        SnapshotJson.WriteCommonMetadata(writer, snapshot);
        writer.WriteStartArray("Shards"u8);
        var written = 0;
        var hasMore = false;
        foreach (var shard in shards)
        {
            if (shard.Index <= startAfter || !window.Includes(shard))
            {
                continue;
            }

            if (written == take)
            {
                hasMore = true;
                break;
            }

            SnapshotJson.WriteShard(writer, shard, snapshot.SequenceTag);
            written++;
        }

        writer.WriteEndArray();
        writer.WriteBoolean("HasMoreShards"u8, hasMore);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await response.SendAsync(request);
    }
}
