using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Iterators;
using Orleans.Kinesis.Gateway.Json;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// ListShards: the stream's shards in index order, paged by MaxResults (≤1000) with an opaque NextToken valid for
/// 300 s, after ExclusiveStartShardId, filtered by ShardFilter.
/// </summary>
public sealed class ListShardsHandler : IOperationHandler
{
    private static readonly string[] FilterTypes = ["AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP"];
    private readonly StreamResolver _streams;
    private readonly TokenCodec _tokens;
    private readonly TimeProvider _time;

    public ListShardsHandler(StreamResolver streams, TokenCodec tokens, TimeProvider time)
    {
        _streams = streams;
        _tokens = tokens;
        _time = time;
    }

    public KinesisOperation Operation => KinesisOperation.ListShards;

    public async Task HandleAsync(KinesisRequest request)
    {
        var input = Read(request.BodySpan);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        string streamName;
        long? createdMs = input.CreationTimestampMs;
        var afterIndex = -1;
        if (input.NextToken is not null)
        {
            var fields = PageToken.Decode(_tokens, input.NextToken, now, 3);
            streamName = fields[0];
            createdMs = long.Parse(fields[1], CultureInfo.InvariantCulture);
            afterIndex = int.Parse(fields[2], CultureInfo.InvariantCulture);
        }
        else
        {
            streamName = _streams.ResolveName(input.StreamName, input.StreamArn);
            if (input.ExclusiveStartShardId is not null && ShardId.TryParse(input.ExclusiveStartShardId, out var start))
            {
                afterIndex = start.Index;
            }
        }

        var snapshot = await _streams.GetAsync(streamName);
        if (createdMs is { } expected && expected != snapshot.CreatedTimeMs)
        {
            throw KinesisErrors.StreamNotFound(streamName, _streams.Account);
        }

        if (input.FilterType == "AFTER_SHARD_ID" && input.FilterShardId is not null && ShardId.TryParse(input.FilterShardId, out var filterAfter))
        {
            afterIndex = Math.Max(afterIndex, filterAfter.Index);
        }

        var take = Math.Min(input.MaxResults ?? 1000, 1000);
        var window = ShardWindow.Of(input.FilterType, input.FilterTimestampMs, snapshot, now);
        var shards = snapshot.Status == StreamStatus.Creating ? [] : ShardPages.SortedByIndex(snapshot.Shards);
        using var response = new JsonResponse(4096);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("Shards"u8);
        var written = 0;
        var last = -1;
        var hasMore = false;
        foreach (var shard in shards)
        {
            if (shard.Index <= afterIndex || !window.Includes(shard))
            {
                continue;
            }

            if (written == take)
            {
                hasMore = true;
                break;
            }

            SnapshotJson.WriteShard(writer, shard, snapshot.SequenceTag);
            last = shard.Index;
            written++;
        }

        writer.WriteEndArray();
        if (hasMore)
        {
            writer.WriteString("NextToken"u8, PageToken.Encode(_tokens, now,
                snapshot.StreamName,
                snapshot.CreatedTimeMs.ToString(CultureInfo.InvariantCulture),
                last.ToString(CultureInfo.InvariantCulture)));
        }

        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    private static Input Read(ReadOnlySpan<byte> body)
    {
        var input = default(Input);
        var reader = new RequestReader(body);
        var hasFilter = false;
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref input.StreamName, ref input.StreamArn))
            {
                continue;
            }

            if (member.SequenceEqual("NextToken"u8))
            {
                input.NextToken = reader.ReadString();
            }
            else if (member.SequenceEqual("ExclusiveStartShardId"u8))
            {
                input.ExclusiveStartShardId = reader.ReadString();
            }
            else if (member.SequenceEqual("MaxResults"u8))
            {
                input.MaxResults = reader.ReadInt32();
            }
            else if (member.SequenceEqual("StreamCreationTimestamp"u8))
            {
                input.CreationTimestampMs = reader.ReadTimestampMs();
            }
            else if (member.SequenceEqual("ShardFilter"u8))
            {
                hasFilter = reader.BeginObject();
                while (hasFilter && reader.NextMember(out var inner))
                {
                    if (inner.SequenceEqual("Type"u8))
                    {
                        input.FilterType = reader.ReadString();
                    }
                    else if (inner.SequenceEqual("ShardId"u8))
                    {
                        input.FilterShardId = reader.ReadString();
                    }
                    else if (inner.SequenceEqual("Timestamp"u8))
                    {
                        input.FilterTimestampMs = reader.ReadTimestampMs();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, input.StreamName, input.StreamArn);
        errors.Length(input.NextToken, "nextToken", 1, 1048576);
        errors.Length(input.ExclusiveStartShardId, "exclusiveStartShardId", 1, 128);
        errors.Pattern(input.ExclusiveStartShardId, "exclusiveStartShardId", Patterns.IsName, ValidationErrors.StreamNamePattern);
        errors.Range(input.MaxResults, "maxResults", 1, 10000);
        if (hasFilter)
        {
            errors.Required(input.FilterType, "shardFilter.type");
            errors.Enum(input.FilterType, "shardFilter.type", FilterTypes);
            errors.Length(input.FilterShardId, "shardFilter.shardId", 1, 128);
        }

        errors.ThrowIfAny();

        var hasStream = input.StreamName is not null || input.StreamArn is not null;
        if (input.NextToken is null && !hasStream)
        {
            throw KinesisErrors.InvalidArgumentError("Either NextToken or StreamName should be provided.");
        }

        if (input.NextToken is not null && hasStream)
        {
            throw KinesisErrors.InvalidArgumentError("NextToken and StreamName cannot be provided together.");
        }

        if (input.NextToken is not null && input.ExclusiveStartShardId is not null)
        {
            throw KinesisErrors.InvalidArgumentError("NextToken and ExclusiveStartShardId cannot be provided together.");
        }

        if (input.NextToken is not null && input.CreationTimestampMs is not null)
        {
            throw KinesisErrors.InvalidArgumentError("NextToken and StreamCreationTimestamp cannot be provided together.");
        }

        if (input.FilterType == "AFTER_SHARD_ID" && input.FilterShardId is null)
        {
            throw KinesisErrors.InvalidArgumentError("ShardId must be specified for ShardFilter of type AFTER_SHARD_ID.");
        }

        if (input.FilterType is "AT_TIMESTAMP" or "FROM_TIMESTAMP" && input.FilterTimestampMs is null)
        {
            throw KinesisErrors.InvalidArgumentError($"Timestamp must be specified for ShardFilter of type {input.FilterType}.");
        }

        return input;
    }

    private struct Input
    {
        public string? StreamName;
        public string? StreamArn;
        public string? NextToken;
        public string? ExclusiveStartShardId;
        public int? MaxResults;
        public long? CreationTimestampMs;
        public string? FilterType;
        public string? FilterShardId;
        public long? FilterTimestampMs;
    }
}
