using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// The six tagging operations share one reader: stream-addressed (AddTagsToStream, RemoveTagsFromStream,
/// ListTagsForStream) and ARN-addressed (TagResource, UntagResource, ListTagsForResource).
/// </summary>
public sealed class TagsHandlers
{
    private readonly StreamResolver _streams;

    public TagsHandlers(StreamResolver streams) => _streams = streams;

    public async Task AddAsync(KinesisRequest request, bool byResource)
    {
        var input = Read(request.BodySpan);
        var errors = Validate(input, byResource);
        errors.Required(input.Tags, "tags");
        if (input.Tags is not null)
        {
            errors.MapLength(input.Tags, "tags", 1, 200);
        }

        errors.ThrowIfAny();
        TagRules.Validate(input.Tags);
        var (stream, consumerArn) = ResolveTarget(input, byResource);
        if (consumerArn is not null)
        {
            await _streams.Grain(stream).AddConsumerTagsAsync(consumerArn, input.Tags!);
        }
        else
        {
            await _streams.Grain(stream).AddTagsAsync(input.Tags!);
        }

        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task RemoveAsync(KinesisRequest request, bool byResource)
    {
        var input = Read(request.BodySpan);
        var errors = Validate(input, byResource);
        errors.Required(input.TagKeys, "tagKeys");
        if (input.TagKeys is not null)
        {
            errors.ListLength(input.TagKeys, "tagKeys", 1, 50);
        }

        errors.ThrowIfAny();
        var (stream, consumerArn) = ResolveTarget(input, byResource);
        if (consumerArn is not null)
        {
            await _streams.Grain(stream).RemoveConsumerTagsAsync(consumerArn, input.TagKeys!);
        }
        else
        {
            await _streams.Grain(stream).RemoveTagsAsync(input.TagKeys!);
        }

        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task ListAsync(KinesisRequest request, bool byResource)
    {
        var input = Read(request.BodySpan);
        var errors = Validate(input, byResource);
        errors.Length(input.ExclusiveStartTagKey, "exclusiveStartTagKey", 1, 128);
        errors.Range(input.Limit, "limit", 1, 50);
        errors.ThrowIfAny();
        var (stream, consumerArn) = ResolveTarget(input, byResource);
        var tags = consumerArn is null ? (await _streams.GetAsync(stream)).Tags : await ConsumerTagsAsync(stream, consumerArn);
        var keys = tags.Keys.Order(StringComparer.Ordinal).ToList();
        var start = input.ExclusiveStartTagKey is null ? 0 : keys.FindIndex(k => string.CompareOrdinal(k, input.ExclusiveStartTagKey) > 0);
        start = start < 0 ? keys.Count : start;
        var take = byResource ? keys.Count : Math.Min(input.Limit ?? TagRules.MaxTags, keys.Count - start);

        using var response = new JsonResponse(1024);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("Tags"u8);
        for (var i = start; i < start + take && i < keys.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("Key"u8, keys[i]);
            writer.WriteString("Value"u8, tags[keys[i]]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (!byResource)
        {
            writer.WriteBoolean("HasMoreTags"u8, start + take < keys.Count);
        }

        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    private static ValidationErrors Validate(in Input input, bool byResource)
    {
        var errors = new ValidationErrors();
        if (byResource)
        {
            errors.Required(input.ResourceArn, "resourceARN");
            errors.Length(input.ResourceArn, "resourceARN", 1, 2048);
        }
        else
        {
            StreamResolver.Validate(errors, input.StreamName, input.StreamArn);
        }

        return errors;
    }

    /// <summary>The stream addressed, and the consumer ARN when a ResourceARN names a registered consumer.</summary>
    private (string Stream, string? ConsumerArn) ResolveTarget(in Input input, bool byResource)
    {
        if (!byResource)
        {
            return (_streams.ResolveName(input.StreamName, input.StreamArn), null);
        }

        var arn = input.ResourceArn!;
        if (ConsumerAddress.IsConsumerArn(arn))
        {
            if (!Patterns.IsConsumerArn(arn))
            {
                throw new KinesisException(KinesisErrors.ResourceNotFound, $"Resource {arn} not found.");
            }

            return (ConsumerAddress.Resolve(arn, _streams.Options).Stream, arn);
        }

        if (!Patterns.IsStreamArn(arn))
        {
            throw new KinesisException(KinesisErrors.ResourceNotFound, $"Resource {arn} not found.");
        }

        return (_streams.ResolveName(null, arn), null);
    }

    private async Task<IReadOnlyDictionary<string, string>> ConsumerTagsAsync(string stream, string consumerArn)
    {
        var snapshot = await _streams.Grain(stream).GetSnapshotAsync();
        if (snapshot is not null)
        {
            foreach (var consumer in snapshot.Consumers)
            {
                if (string.Equals(consumer.ConsumerArn, consumerArn, StringComparison.Ordinal))
                {
                    return consumer.Tags;
                }
            }
        }

        throw KinesisErrors.ConsumerNotFound(consumerArn, stream, _streams.Account);
    }

    private static Input Read(ReadOnlySpan<byte> body)
    {
        var input = default(Input);
        var reader = new RequestReader(body);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref input.StreamName, ref input.StreamArn))
            {
                continue;
            }

            if (member.SequenceEqual("ResourceARN"u8))
            {
                input.ResourceArn = reader.ReadString();
            }
            else if (member.SequenceEqual("Tags"u8))
            {
                input.Tags = reader.ReadStringMap();
            }
            else if (member.SequenceEqual("TagKeys"u8))
            {
                input.TagKeys = reader.ReadStringList();
            }
            else if (member.SequenceEqual("ExclusiveStartTagKey"u8))
            {
                input.ExclusiveStartTagKey = reader.ReadString();
            }
            else if (member.SequenceEqual("Limit"u8))
            {
                input.Limit = reader.ReadInt32();
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
        public string? StreamName;
        public string? StreamArn;
        public string? ResourceArn;
        public Dictionary<string, string>? Tags;
        public List<string>? TagKeys;
        public string? ExclusiveStartTagKey;
        public int? Limit;
    }
}
