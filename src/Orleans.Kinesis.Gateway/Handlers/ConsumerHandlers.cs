using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Iterators;
using Orleans.Kinesis.Gateway.Json;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// The consumer registry: RegisterStreamConsumer, DescribeStreamConsumer, DeregisterStreamConsumer and
/// ListStreamConsumers. Consumers live in the stream grain's state; reads go to the grain (not the snapshot cache) so
/// status changes show at once.
/// </summary>
public sealed class ConsumerHandlers
{
    /// <summary>ListStreamConsumers' default and largest page.</summary>
    public const int MaxPageSize = 100;

    private readonly StreamResolver _streams;
    private readonly TokenCodec _tokens;
    private readonly TimeProvider _time;

    public ConsumerHandlers(StreamResolver streams, TokenCodec tokens, TimeProvider time)
    {
        _streams = streams;
        _tokens = tokens;
        _time = time;
    }

    public async Task RegisterAsync(KinesisRequest request)
    {
        var input = Read(request.BodySpan);
        var errors = new ValidationErrors();
        errors.Required(input.StreamArn, "streamARN");
        errors.StreamArn(input.StreamArn);
        errors.Required(input.ConsumerName, "consumerName");
        errors.ConsumerName(input.ConsumerName);
        if (input.Tags is not null)
        {
            errors.MapLength(input.Tags, "tags", 1, 200);
        }

        errors.ThrowIfAny();
        TagRules.Validate(input.Tags);
        var stream = _streams.ResolveName(null, input.StreamArn);
        var consumer = await _streams.Grain(stream).RegisterConsumerAsync(input.ConsumerName!, input.Tags);
        _streams.Invalidate(stream);

        using var response = new JsonResponse(512);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WritePropertyName("Consumer"u8);
        ConsumerJson.WriteConsumer(writer, consumer);
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    public async Task DescribeAsync(KinesisRequest request)
    {
        var input = Read(request.BodySpan);
        ValidateAddress(input);
        var (stream, name, arn) = Resolve(input);
        var snapshot = await _streams.Grain(stream).GetSnapshotAsync();
        var consumer = snapshot?.FindConsumer(name);
        if (snapshot is null || consumer is null || (arn is not null && !string.Equals(consumer.ConsumerArn, arn, StringComparison.Ordinal)))
        {
            throw KinesisErrors.ConsumerNotFound(arn ?? name, stream, _streams.Account);
        }

        using var response = new JsonResponse(512);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WritePropertyName("ConsumerDescription"u8);
        ConsumerJson.WriteConsumer(writer, consumer, snapshot.StreamArn);
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    public async Task DeregisterAsync(KinesisRequest request)
    {
        var input = Read(request.BodySpan);
        ValidateAddress(input);
        var (stream, name, arn) = Resolve(input);
        if (await _streams.Grain(stream).GetSnapshotAsync() is null)
        {
            throw KinesisErrors.ConsumerNotFound(arn ?? name, stream, _streams.Account);
        }

        await _streams.Grain(stream).DeregisterConsumerAsync(name, arn);
        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task ListAsync(KinesisRequest request)
    {
        var input = Read(request.BodySpan);
        var errors = new ValidationErrors();
        errors.Required(input.StreamArn, "streamARN");
        errors.StreamArn(input.StreamArn);
        errors.Length(input.NextToken, "nextToken", 1, 1048576);
        errors.Range(input.MaxResults, "maxResults", 1, 10000);
        errors.ThrowIfAny();

        var stream = _streams.ResolveName(null, input.StreamArn);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var expectedCreatedMs = input.CreationTimestampMs;
        string? after = null;
        if (input.NextToken is not null)
        {
            var fields = PageToken.Decode(_tokens, input.NextToken, now, 3);
            var tokenCreatedMs = long.Parse(fields[1], CultureInfo.InvariantCulture);
            if (!string.Equals(fields[0], stream, StringComparison.Ordinal)
                || (expectedCreatedMs is { } given && given != tokenCreatedMs))
            {
                throw KinesisErrors.InvalidArgumentError("Invalid NextToken: it was issued for another stream.");
            }

            expectedCreatedMs = tokenCreatedMs;
            after = fields[2];
        }

        var snapshot = await _streams.Grain(stream).GetSnapshotAsync();
        if (snapshot is null || (expectedCreatedMs is { } expected && expected != snapshot.CreatedTimeMs))
        {
            throw KinesisErrors.StreamNotFound(stream, _streams.Account);
        }

        var take = Math.Min(input.MaxResults ?? MaxPageSize, MaxPageSize);
        using var response = new JsonResponse(2048);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("Consumers"u8);
        string? last = null;
        var hasMore = false;
        var written = 0;
        foreach (var consumer in snapshot.Consumers)
        {
            if (after is not null && string.CompareOrdinal(consumer.ConsumerName, after) <= 0)
            {
                continue;
            }

            if (written == take)
            {
                hasMore = true;
                break;
            }

            ConsumerJson.WriteConsumer(writer, consumer);
            last = consumer.ConsumerName;
            written++;
        }

        writer.WriteEndArray();
        if (hasMore)
        {
            writer.WriteString("NextToken"u8, PageToken.Encode(_tokens, now,
                snapshot.StreamName, snapshot.CreatedTimeMs.ToString(CultureInfo.InvariantCulture), last!));
        }

        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    private static void ValidateAddress(in Input input)
    {
        var errors = new ValidationErrors();
        errors.StreamArn(input.StreamArn);
        errors.ConsumerName(input.ConsumerName);
        errors.ConsumerArn(input.ConsumerArn);
        errors.ThrowIfAny();
    }

    /// <summary>The stream, consumer name and (when given) ARN that DescribeStreamConsumer or DeregisterStreamConsumer addresses.</summary>
    private (string Stream, string Consumer, string? Arn) Resolve(in Input input)
    {
        if (input.ConsumerArn is not { } arn)
        {
            if (input.StreamArn is null || input.ConsumerName is null)
            {
                throw KinesisErrors.InvalidArgumentError("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
            }

            return (_streams.ResolveName(null, input.StreamArn), input.ConsumerName, null);
        }

        var (stream, name) = ConsumerAddress.Resolve(arn, _streams.Options);
        if (input.StreamArn is not null && !string.Equals(_streams.ResolveName(null, input.StreamArn), stream, StringComparison.Ordinal))
        {
            throw KinesisErrors.InvalidArgumentError($"StreamARN {input.StreamArn} and ConsumerARN {arn} do not refer to the same stream.");
        }

        if (input.ConsumerName is not null && !string.Equals(input.ConsumerName, name, StringComparison.Ordinal))
        {
            throw KinesisErrors.InvalidArgumentError($"ConsumerName {input.ConsumerName} and ConsumerARN {arn} do not refer to the same consumer.");
        }

        return (stream, name, arn);
    }

    private static Input Read(ReadOnlySpan<byte> body)
    {
        var input = default(Input);
        var reader = new RequestReader(body);
        while (reader.NextMember(out var member))
        {
            if (member.SequenceEqual("StreamARN"u8))
            {
                input.StreamArn = reader.ReadString();
            }
            else if (member.SequenceEqual("ConsumerName"u8))
            {
                input.ConsumerName = reader.ReadString();
            }
            else if (member.SequenceEqual("ConsumerARN"u8))
            {
                input.ConsumerArn = reader.ReadString();
            }
            else if (member.SequenceEqual("Tags"u8))
            {
                input.Tags = reader.ReadStringMap();
            }
            else if (member.SequenceEqual("NextToken"u8))
            {
                input.NextToken = reader.ReadString();
            }
            else if (member.SequenceEqual("MaxResults"u8))
            {
                input.MaxResults = reader.ReadInt32();
            }
            else if (member.SequenceEqual("StreamCreationTimestamp"u8))
            {
                input.CreationTimestampMs = reader.ReadTimestampMs();
            }
            else
            {
                reader.Skip();
            }
        }

        return input;
    }

    private struct Input
    {
        public string? StreamArn;
        public string? ConsumerName;
        public string? ConsumerArn;
        public Dictionary<string, string>? Tags;
        public string? NextToken;
        public int? MaxResults;
        public long? CreationTimestampMs;
    }
}
