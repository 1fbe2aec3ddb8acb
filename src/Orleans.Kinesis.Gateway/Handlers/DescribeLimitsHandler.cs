using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>DescribeLimits: the account's shard and on-demand stream quotas and usage.</summary>
public sealed class DescribeLimitsHandler : IOperationHandler
{
    private readonly StreamResolver _streams;
    private readonly AccountUsage _usage;

    public DescribeLimitsHandler(StreamResolver streams, AccountUsage usage)
    {
        _streams = streams;
        _usage = usage;
    }

    public KinesisOperation Operation => KinesisOperation.DescribeLimits;

    public async Task HandleAsync(KinesisRequest request)
    {
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out _))
        {
            reader.Skip();
        }

        var (openShards, onDemand) = await _usage.MeasureAsync();
        using var response = new JsonResponse(256);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteNumber("ShardLimit"u8, _streams.Options.ShardLimit);
        writer.WriteNumber("OpenShardCount"u8, openShards);
        writer.WriteNumber("OnDemandStreamCount"u8, onDemand);
        writer.WriteNumber("OnDemandStreamCountLimit"u8, _streams.Options.OnDemandStreamLimit);
        writer.WriteEndObject();
        await response.SendAsync(request);
    }
}
