using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>SplitShard, MergeShards and UpdateShardCount: validate, check the account's shard quota, ask the stream grain.</summary>
public sealed class ReshardingHandlers
{
    private static readonly string[] ScalingTypes = ["UNIFORM_SCALING"];
    private readonly StreamResolver _streams;
    private readonly AccountUsage _usage;

    public ReshardingHandlers(StreamResolver streams, AccountUsage usage)
    {
        _streams = streams;
        _usage = usage;
    }

    public async Task SplitShardAsync(KinesisRequest request)
    {
        string? name = null, arn = null, shardText = null, keyText = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("ShardToSplit"u8))
            {
                shardText = reader.ReadString();
            }
            else if (member.SequenceEqual("NewStartingHashKey"u8))
            {
                keyText = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        ShardMember(errors, shardText, "shardToSplit");
        errors.Required(keyText, "newStartingHashKey");
        errors.Pattern(keyText, "newStartingHashKey", Patterns.IsHashKey, ValidationErrors.HashKeyPattern);
        errors.ThrowIfAny();

        var stream = _streams.ResolveName(name, arn);
        var shard = ParseShard(shardText!, stream);
        if (!UInt128.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            // A 39-digit key beyond 2^128 - 1 is past every shard's end: the service answers with the range message.
            var snapshot = await _streams.GetAsync(stream);
            var descriptor = snapshot.FindShard(shard.Index) ?? throw KinesisErrors.CouldNotFindShard(shard.ToString(), stream, _streams.Account);
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"NewStartingHashKey {keyText} used in SplitShard() on shard {shard} in stream {stream} under account {_streams.Account} is not both greater than one plus the shard's StartingHashKey {descriptor.HashKeyRange.Start} and less than the shard's EndingHashKey {descriptor.HashKeyRange.End}."));
        }

        await _usage.CheckShardLimitAsync(_streams.Options, 1);
        try
        {
            await _streams.Grain(stream).SplitShardAsync(shard.Index, key);
        }
        finally
        {
            _streams.Invalidate(stream);
        }

        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task MergeShardsAsync(KinesisRequest request)
    {
        string? name = null, arn = null, shardText = null, adjacentText = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("ShardToMerge"u8))
            {
                shardText = reader.ReadString();
            }
            else if (member.SequenceEqual("AdjacentShardToMerge"u8))
            {
                adjacentText = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        ShardMember(errors, shardText, "shardToMerge");
        ShardMember(errors, adjacentText, "adjacentShardToMerge");
        errors.ThrowIfAny();

        var stream = _streams.ResolveName(name, arn);
        var shard = ParseShard(shardText!, stream);
        var adjacent = ParseShard(adjacentText!, stream);
        try
        {
            await _streams.Grain(stream).MergeShardsAsync(shard.Index, adjacent.Index);
        }
        finally
        {
            _streams.Invalidate(stream);
        }

        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task UpdateShardCountAsync(KinesisRequest request)
    {
        string? name = null, arn = null, scalingType = null;
        int? target = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("TargetShardCount"u8))
            {
                target = reader.ReadInt32();
            }
            else if (member.SequenceEqual("ScalingType"u8))
            {
                scalingType = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.Required(target, "targetShardCount");
        errors.Range(target, "targetShardCount", 1, int.MaxValue);
        errors.Required(scalingType, "scalingType");
        errors.Enum(scalingType, "scalingType", ScalingTypes);
        errors.ThrowIfAny();

        var stream = _streams.ResolveName(name, arn);
        var snapshot = await _streams.GetAsync(stream);
        var open = 0;
        foreach (var shard in snapshot.Shards)
        {
            open += shard.IsOpen ? 1 : 0;
        }

        await _usage.CheckShardLimitAsync(_streams.Options, target!.Value - open);
        int current;
        try
        {
            current = await _streams.Grain(stream).UpdateShardCountAsync(target.Value);
        }
        finally
        {
            _streams.Invalidate(stream);
        }

        using var response = new JsonResponse(256);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteString("StreamName"u8, stream);
        writer.WriteString("StreamARN"u8, _streams.Options.StreamArn(stream));
        writer.WriteNumber("CurrentShardCount"u8, current);
        writer.WriteNumber("TargetShardCount"u8, target.Value);
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    private static void ShardMember(ValidationErrors errors, string? value, string path)
    {
        errors.Required(value, path);
        errors.Length(value, path, 1, 128);
        errors.Pattern(value, path, Patterns.IsName, ValidationErrors.StreamNamePattern);
    }

    /// <summary>The shard a lenient id names (§2.3); RNF with the id as given when it names none.</summary>
    private ShardId ParseShard(string text, string stream)
        => ShardId.TryParse(text, out var shard) ? shard : throw KinesisErrors.CouldNotFindShard(text, stream, _streams.Account);
}
