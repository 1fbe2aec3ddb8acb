using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// UpdateStreamWarmThroughput: an ON_DEMAND stream of an account with a minimum throughput billing commitment is
/// made ready for <c>WarmThroughputMiBps</c> of writes (at most 10 GiB/s) by splitting shards, one per MiB/s.
/// </summary>
public sealed class WarmThroughputHandler : IOperationHandler
{
    public const int MaxMiBps = 10 * 1024;

    private readonly StreamResolver _streams;
    private readonly AccountUsage _usage;
    private readonly IGrainFactory _grains;

    public WarmThroughputHandler(StreamResolver streams, AccountUsage usage, IGrainFactory grains)
    {
        _streams = streams;
        _usage = usage;
        _grains = grains;
    }

    public KinesisOperation Operation => KinesisOperation.UpdateStreamWarmThroughput;

    public async Task HandleAsync(KinesisRequest request)
    {
        string? name = null, arn = null;
        int? target = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("WarmThroughputMiBps"u8))
            {
                target = reader.ReadInt32();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.Required(target, "warmThroughputMiBps");
        errors.Range(target, "warmThroughputMiBps", 0, int.MaxValue);
        errors.ThrowIfAny();

        var stream = _streams.ResolveName(name, arn);
        var snapshot = await _streams.GetAsync(stream);
        if (target > MaxMiBps)
        {
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"WarmThroughputMiBps {target} exceeds the maximum of {MaxMiBps} MiB/s for stream {stream} under account {_streams.Account}."));
        }

        var commitment = await _grains.GetGrain<IAccountSettingsGrain>(IAccountSettingsGrain.DefaultKey).GetCommitmentAsync();
        if (commitment.Status == "DISABLED")
        {
            throw KinesisErrors.InvalidArgumentError(
                $"Warm throughput requires a minimum throughput billing commitment for account {_streams.Account}; enable it with UpdateAccountSettings.");
        }

        var open = 0;
        foreach (var shard in snapshot.Shards)
        {
            open += shard.IsOpen ? 1 : 0;
        }

        if (target > open)
        {
            await _usage.CheckShardLimitAsync(_streams.Options, target.Value - open);
        }

        var current = await _streams.Grain(stream).SetWarmThroughputAsync(target!.Value);
        _streams.Invalidate(stream);

        using var response = new JsonResponse(256);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteString("StreamARN"u8, snapshot.StreamArn);
        writer.WriteString("StreamName"u8, stream);
        writer.WriteStartObject("WarmThroughput"u8);
        writer.WriteNumber("TargetMiBps"u8, target.Value);
        writer.WriteNumber("CurrentMiBps"u8, current);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await response.SendAsync(request);
    }
}
