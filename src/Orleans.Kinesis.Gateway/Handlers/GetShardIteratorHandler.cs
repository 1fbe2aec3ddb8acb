using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Iterators;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>GetShardIterator: resolves an iterator type to a position in the shard and returns a signed iterator for it.</summary>
public sealed class GetShardIteratorHandler : IOperationHandler
{
    private static readonly string[] IteratorTypes = ["AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"];
    private readonly IGrainFactory _grains;
    private readonly StreamResolver _streams;
    private readonly TokenCodec _tokens;
    private readonly TimeProvider _time;

    public GetShardIteratorHandler(IGrainFactory grains, StreamResolver streams, TokenCodec tokens, TimeProvider time)
    {
        _grains = grains;
        _streams = streams;
        _tokens = tokens;
        _time = time;
    }

    public KinesisOperation Operation => KinesisOperation.GetShardIterator;

    public async Task HandleAsync(KinesisRequest request)
    {
        string? name = null, arn = null, shardIdText = null, type = null, startingSequence = null;
        long? timestampMs = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("ShardId"u8))
            {
                shardIdText = reader.ReadString();
            }
            else if (member.SequenceEqual("ShardIteratorType"u8))
            {
                type = reader.ReadString();
            }
            else if (member.SequenceEqual("StartingSequenceNumber"u8))
            {
                startingSequence = reader.ReadString();
            }
            else if (member.SequenceEqual("Timestamp"u8))
            {
                timestampMs = reader.ReadTimestampMs();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.Required(shardIdText, "shardId");
        errors.Length(shardIdText, "shardId", 1, 128);
        errors.Pattern(shardIdText, "shardId", Patterns.IsName, ValidationErrors.StreamNamePattern);
        errors.Required(type, "shardIteratorType");
        errors.Enum(type, "shardIteratorType", IteratorTypes);
        errors.Pattern(startingSequence, "startingSequenceNumber", Patterns.IsSequenceNumber, ValidationErrors.SequenceNumberPattern);
        errors.ThrowIfAny();

        var streamName = _streams.ResolveName(name, arn);
        var account = _streams.Account;
        var snapshot = await _streams.GetAsync(streamName);
        if (!ShardId.TryParse(shardIdText, out var shardId))
        {
            throw KinesisErrors.CouldNotFindShard(shardIdText!, streamName, account);
        }

        var shard = snapshot.Status == StreamStatus.Creating ? null : snapshot.FindShard(shardId.Index);
        if (shard is null)
        {
            throw KinesisErrors.ShardNotFound(shardId.ToString(), streamName, account);
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        CheckArguments(type!, startingSequence, timestampMs, now);
        var grain = _grains.GetGrain<IShardGrain>(StreamStorage.ShardKey(streamName, snapshot.CreatedTimeMs, shard.Index));
        long ordinal;
        switch (type)
        {
            case "TRIM_HORIZON":
                ordinal = 0; // reads start at the oldest retained record
                break;
            case "LATEST":
                var positions = await grain.GetPositionsAsync();
                ordinal = positions.EndingOrdinal ?? positions.DurableOrdinal;
                break;
            case "AT_TIMESTAMP":
                ordinal = await grain.FindByArrivalTimeAsync(timestampMs!.Value);
                break;
            default:
                var counter = ParseSequence(startingSequence!, snapshot, shard, account);
                ordinal = type == "AT_SEQUENCE_NUMBER" ? Math.Max(0, counter - 1) : counter;
                break;
        }

        var iterator = _tokens.EncodeIterator(new ShardIteratorToken(streamName, snapshot.CreatedTimeMs, shard.Index, ordinal, now));
        using var response = new JsonResponse(512);
        response.Writer.WriteStartObject();
        response.Writer.WriteString("ShardIterator"u8, iterator);
        response.Writer.WriteEndObject();
        await response.SendAsync(request);
    }

    private static void CheckArguments(string type, string? startingSequence, long? timestampMs, long now)
    {
        var needsSequence = type is "AT_SEQUENCE_NUMBER" or "AFTER_SEQUENCE_NUMBER";
        if (needsSequence != (startingSequence is not null) && type != "AT_TIMESTAMP")
        {
            throw KinesisErrors.InvalidArgumentError(
                "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified "
                + type + (startingSequence is null ? " and no StartingSequenceNumber." : " and also a StartingSequenceNumber."));
        }

        if (type == "AT_TIMESTAMP")
        {
            if (timestampMs is null)
            {
                throw KinesisErrors.InvalidArgumentError("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.");
            }

            if (timestampMs > now)
            {
                throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                    $"The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: {timestampMs}, currentTimestampInMillis: {now}"));
            }
        }
    }

    private long ParseSequence(string text, StreamSnapshot snapshot, ShardDescriptor shard, string account)
    {
        if (!SequenceNumber.TryParse(text, out var sequence) || !sequence.HasMarker || sequence.StreamTag != snapshot.SequenceTag)
        {
            throw KinesisErrors.InvalidArgumentError(
                $"StartingSequenceNumber {text} used in GetShardIterator on shard {shard.ShardId} in stream {snapshot.StreamName} under account {account} is invalid because it did not come from this stream.");
        }

        if (sequence.ShardIndex != shard.Index)
        {
            throw KinesisErrors.InvalidArgumentError(
                $"Invalid StartingSequenceNumber. It encodes {new ShardId(sequence.ShardIndex)}, while it was used in a call to a shard with {shard.ShardId}");
        }

        return sequence.Counter > long.MaxValue ? long.MaxValue : (long)sequence.Counter;
    }
}
