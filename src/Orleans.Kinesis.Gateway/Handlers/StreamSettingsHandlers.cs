using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>Increase/DecreaseStreamRetentionPeriod and Enable/DisableEnhancedMonitoring.</summary>
public sealed class StreamSettingsHandlers
{
    private static readonly string[] MetricNames =
    [
        "IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
        "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds", "ALL",
    ];

    private readonly StreamResolver _streams;

    public StreamSettingsHandlers(StreamResolver streams) => _streams = streams;

    public async Task RetentionAsync(KinesisRequest request, bool increase)
    {
        string? name = null, arn = null;
        int? hours = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("RetentionPeriodHours"u8))
            {
                hours = reader.ReadInt32();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.Required(hours, "retentionPeriodHours");
        errors.ThrowIfAny();
        var stream = _streams.ResolveName(name, arn);
        await _streams.Grain(stream).SetRetentionPeriodAsync(hours!.Value, increase);
        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task StreamModeAsync(KinesisRequest request)
    {
        string? name = null, arn = null, mode = null;
        long? warm = null;
        var hasDetails = false;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("StreamModeDetails"u8) && reader.BeginObject())
            {
                hasDetails = true;
                while (reader.NextMember(out var inner))
                {
                    if (inner.SequenceEqual("StreamMode"u8))
                    {
                        mode = reader.ReadString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (member.SequenceEqual("WarmThroughputMiBps"u8))
            {
                warm = reader.ReadInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        errors.Required(arn, "streamARN");
        errors.StreamArn(arn);
        if (!hasDetails)
        {
            errors.Required(null, "streamModeDetails");
        }
        else
        {
            errors.Required(mode, "streamModeDetails.streamMode");
            errors.Enum(mode, "streamModeDetails.streamMode", ["PROVISIONED", "ON_DEMAND"]);
        }

        errors.Range(warm, "warmThroughputMiBps", 0, long.MaxValue);
        errors.ThrowIfAny();
        if (warm is not null && mode != "ON_DEMAND")
        {
            throw KinesisErrors.InvalidArgumentError("WarmThroughputMiBps can only be specified when switching a stream to ON_DEMAND mode.");
        }

        var stream = _streams.ResolveName(null, arn);
        await _streams.Grain(stream).UpdateStreamModeAsync(mode == "ON_DEMAND" ? StreamMode.OnDemand : StreamMode.Provisioned);
        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task MaxRecordSizeAsync(KinesisRequest request)
    {
        string? name = null, arn = null;
        int? kib = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("MaxRecordSizeInKiB"u8))
            {
                kib = reader.ReadInt32();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.Required(kib, "maxRecordSizeInKiB");
        errors.Range(kib, "maxRecordSizeInKiB", 1024, 10240);
        errors.ThrowIfAny();
        var stream = _streams.ResolveName(name, arn);
        await _streams.Grain(stream).SetMaxRecordSizeAsync(kib!.Value);
        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task MonitoringAsync(KinesisRequest request, bool enable)
    {
        string? name = null, arn = null;
        List<string>? metrics = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("ShardLevelMetrics"u8))
            {
                metrics = reader.ReadStringList();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.Required(metrics, "shardLevelMetrics");
        if (metrics is not null)
        {
            errors.ListLength(metrics, "shardLevelMetrics", 1, 7);
            foreach (var metric in metrics)
            {
                if (Array.IndexOf(MetricNames, metric) < 0)
                {
                    errors.Add("[" + string.Join(", ", metrics) + "]", "shardLevelMetrics",
                        "Member must satisfy constraint: [Member must satisfy enum value set: [" + string.Join(", ", MetricNames) + "]]", quote: false);
                    break;
                }
            }
        }

        errors.ThrowIfAny();
        var stream = _streams.ResolveName(name, arn);
        var change = await _streams.Grain(stream).ChangeShardLevelMetricsAsync(metrics!, enable);
        _streams.Invalidate(stream);

        using var response = new JsonResponse(512);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteString("StreamName"u8, stream);
        writer.WriteString("StreamARN"u8, _streams.Options.StreamArn(stream));
        WriteList(writer, "CurrentShardLevelMetrics"u8, change.Current);
        WriteList(writer, "DesiredShardLevelMetrics"u8, change.Desired);
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    private static void WriteList(System.Text.Json.Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
