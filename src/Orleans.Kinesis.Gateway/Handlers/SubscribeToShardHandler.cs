using System.Globalization;
using Microsoft.Extensions.Hosting;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// SubscribeToShard: checks the consumer (must be ACTIVE), the shard and the starting position, takes the consumer's
/// lease on the shard (ResourceInUseException within 5 s of another subscription, LimitExceededException above one
/// call per second), then streams the delivery's events as <c>application/vnd.amazon.eventstream</c> over
/// whichever HTTP version the client speaks. Errors found before streaming are ordinary JSON errors.
/// </summary>
public sealed class SubscribeToShardHandler : IOperationHandler
{
    /// <summary>A subscription ends normally after 5 minutes.</summary>
    private const long LifetimeMs = 5 * 60 * 1000;

    private static readonly string[] PositionTypes = ["AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"];

    private readonly IGrainFactory _grains;
    private readonly StreamResolver _streams;
    private readonly TimeProvider _time;
    private readonly RecordCipher _cipher;
    private readonly IHostApplicationLifetime? _lifetime;

    public SubscribeToShardHandler(IGrainFactory grains, StreamResolver streams, TimeProvider time, RecordCipher cipher, IHostApplicationLifetime? lifetime = null)
    {
        _cipher = cipher;
        _lifetime = lifetime;
        _grains = grains;
        _streams = streams;
        _time = time;
    }

    public KinesisOperation Operation => KinesisOperation.SubscribeToShard;

    public async Task HandleAsync(KinesisRequest request)
    {
        var input = Read(request.BodySpan);
        var errors = new ValidationErrors();
        errors.Required(input.ConsumerArn, "consumerARN");
        errors.Length(input.ConsumerArn, "consumerARN", 1, 2048);
        errors.ConsumerArn(input.ConsumerArn);
        errors.Required(input.ShardId, "shardId");
        errors.Length(input.ShardId, "shardId", 1, 128);
        errors.Pattern(input.ShardId, "shardId", Patterns.IsName, ValidationErrors.StreamNamePattern);
        errors.Required(input.HasPosition ? input : null, "startingPosition");
        if (input.HasPosition)
        {
            errors.Required(input.Type, "startingPosition.type");
            errors.Enum(input.Type, "startingPosition.type", PositionTypes);
            errors.Pattern(input.SequenceNumber, "startingPosition.sequenceNumber", Patterns.IsSequenceNumber, ValidationErrors.SequenceNumberPattern);
        }

        errors.ThrowIfAny();

        var consumerArn = input.ConsumerArn!;
        var account = _streams.Account;
        var (streamName, consumerName) = ConsumerAddress.Resolve(consumerArn, _streams.Options);
        var snapshot = await _streams.Grain(streamName).GetSnapshotAsync();
        var consumer = snapshot?.FindConsumer(consumerName);
        if (snapshot is null || consumer is null || !string.Equals(consumer.ConsumerArn, consumerArn, StringComparison.Ordinal))
        {
            throw KinesisErrors.ConsumerNotFound(consumerArn, streamName, account);
        }

        if (consumer.Status != ConsumerStatus.Active)
        {
            throw new KinesisException(KinesisErrors.ResourceInUse,
                $"Consumer {consumerArn} under stream {streamName} under account {account} is not ACTIVE, instead in state {consumer.Status.ToString().ToUpperInvariant()}.");
        }

        var shard = ShardId.TryParse(input.ShardId, out var shardId) && snapshot.Status != StreamStatus.Creating
            ? snapshot.FindShard(shardId.Index)
            : null;
        if (shard is null)
        {
            throw KinesisErrors.ShardNotFound(input.ShardId!, streamName, account);
        }

        var ordinal = await ResolvePositionAsync(input, snapshot, shard, account);
        var lease = await _grains.GetGrain<ISubscriptionLeaseGrain>(SubscriptionStart.LeaseKeyOf(consumerArn, shard.Index))
            .AcquireAsync(consumerArn, shard.ShardId.ToString());
        var start = new SubscriptionStart(streamName, snapshot.CreatedTimeMs, shard.Index, consumerArn, ordinal, lease);
        // A shutting-down server ends its subscriptions (clients resubscribe) instead of waiting out their 5 minutes.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, _lifetime?.ApplicationStopping ?? CancellationToken.None);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var cursor = new SubscriptionCursor(start, ordinal, now + LifetimeMs, now, now, 0); // the first event goes out at once
        try
        {
            using var response = new EventStreamResponse(request.Http, _streams, _cipher, snapshot, shard.Index);
            await response.RunAsync(_grains.GetGrain<IFanOutWorkerGrain>(start.ShardKey), cursor, ended.Token);
        }
        finally
        {
            // A later subscription of this consumer and shard may start at once.
            await _grains.GetGrain<ISubscriptionLeaseGrain>(start.LeaseKey).ReleaseAsync(start.Lease);
        }
    }

    private async Task<long> ResolvePositionAsync(Input input, StreamSnapshot snapshot, ShardDescriptor shard, string account)
    {
        var type = input.Type!;
        var needsSequence = type is "AT_SEQUENCE_NUMBER" or "AFTER_SEQUENCE_NUMBER";
        if (needsSequence && input.SequenceNumber is null)
        {
            throw KinesisErrors.InvalidArgumentError($"StartingPosition of type {type} requires a SequenceNumber.");
        }

        var grain = _grains.GetGrain<IShardGrain>(StreamStorage.ShardKey(snapshot.StreamName, snapshot.CreatedTimeMs, shard.Index));
        switch (type)
        {
            case "TRIM_HORIZON":
                return 0; // reads start at the oldest retained record
            case "LATEST":
                var positions = await grain.GetPositionsAsync();
                return positions.EndingOrdinal ?? positions.DurableOrdinal;
            case "AT_TIMESTAMP":
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (input.TimestampMs is not { } timestamp)
                {
                    throw KinesisErrors.InvalidArgumentError("StartingPosition of type AT_TIMESTAMP requires a Timestamp.");
                }

                if (timestamp > now)
                {
                    throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                        $"The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: {timestamp}, currentTimestampInMillis: {now}"));
                }

                return await grain.FindByArrivalTimeAsync(timestamp);
            default:
                var text = input.SequenceNumber!;
                if (!SequenceNumber.TryParse(text, out var sequence) || !sequence.HasMarker || sequence.StreamTag != snapshot.SequenceTag)
                {
                    throw KinesisErrors.InvalidArgumentError(
                        $"StartingSequenceNumber {text} used in SubscribeToShard on shard {shard.ShardId} in stream {snapshot.StreamName} under account {account} is invalid because it did not come from this stream.");
                }

                if (sequence.ShardIndex != shard.Index)
                {
                    throw KinesisErrors.InvalidArgumentError(
                        $"Invalid StartingSequenceNumber. It encodes {new ShardId(sequence.ShardIndex)}, while it was used in a call to a shard with {shard.ShardId}");
                }

                var counter = sequence.Counter > long.MaxValue ? long.MaxValue : (long)sequence.Counter;
                return type == "AT_SEQUENCE_NUMBER" ? Math.Max(0, counter - 1) : counter;
        }
    }

    private static Input Read(ReadOnlySpan<byte> body)
    {
        var input = new Input();
        var reader = new RequestReader(body);
        while (reader.NextMember(out var member))
        {
            if (member.SequenceEqual("ConsumerARN"u8))
            {
                input.ConsumerArn = reader.ReadString();
            }
            else if (member.SequenceEqual("ShardId"u8))
            {
                input.ShardId = reader.ReadString();
            }
            else if (member.SequenceEqual("StartingPosition"u8))
            {
                input.HasPosition = reader.BeginObject();
                while (input.HasPosition && reader.NextMember(out var inner))
                {
                    if (inner.SequenceEqual("Type"u8))
                    {
                        input.Type = reader.ReadString();
                    }
                    else if (inner.SequenceEqual("SequenceNumber"u8))
                    {
                        input.SequenceNumber = reader.ReadString();
                    }
                    else if (inner.SequenceEqual("Timestamp"u8))
                    {
                        input.TimestampMs = reader.ReadTimestampMs();
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

        return input;
    }

    private sealed class Input
    {
        public string? ConsumerArn { get; set; }

        public string? ShardId { get; set; }

        public bool HasPosition { get; set; }

        public string? Type { get; set; }

        public string? SequenceNumber { get; set; }

        public long? TimestampMs { get; set; }
    }
}
