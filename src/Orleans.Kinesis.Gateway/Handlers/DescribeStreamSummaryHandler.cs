using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Json;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>DescribeStreamSummary: stream metadata without shards, plus open shard and consumer counts.</summary>
public sealed class DescribeStreamSummaryHandler : IOperationHandler
{
    private readonly StreamResolver _streams;

    public DescribeStreamSummaryHandler(StreamResolver streams) => _streams = streams;

    public KinesisOperation Operation => KinesisOperation.DescribeStreamSummary;

    public async Task HandleAsync(KinesisRequest request)
    {
        string? name = null, arn = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (!StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.ThrowIfAny();
        var snapshot = await _streams.GetAsync(_streams.ResolveName(name, arn));
        var open = 0;
        foreach (var shard in snapshot.Shards)
        {
            open += shard.IsOpen ? 1 : 0;
        }

        using var response = new JsonResponse();
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartObject("StreamDescriptionSummary"u8);
        SnapshotJson.WriteCommonMetadata(writer, snapshot);
        writer.WriteNumber("OpenShardCount"u8, open);
        writer.WriteNumber("ConsumerCount"u8, snapshot.Consumers.Count);
        if (snapshot.WarmThroughputMiBps is { } warm && snapshot.Mode == StreamMode.OnDemand)
        {
            writer.WriteStartObject("WarmThroughput"u8);
            writer.WriteNumber("TargetMiBps"u8, warm);
            writer.WriteNumber("CurrentMiBps"u8, open); // 1 MiB/s of writes per open shard
            writer.WriteEndObject();
        }

        writer.WriteNumber("MaxRecordSizeInKiB"u8, snapshot.MaxRecordSizeKiB);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await response.SendAsync(request);
    }
}
