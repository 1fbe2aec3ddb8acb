using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>CreateStream: validates, checks the account's shard quota and asks the stream grain to create the stream.</summary>
public sealed class CreateStreamHandler : IOperationHandler
{
    /// <summary>Shards of a stream created without ShardCount (what the service does).</summary>
    public const int DefaultShardCount = 4;

    private static readonly string[] Modes = ["PROVISIONED", "ON_DEMAND"];
    private readonly StreamResolver _streams;
    private readonly AccountUsage _usage;

    public CreateStreamHandler(StreamResolver streams, AccountUsage usage)
    {
        _streams = streams;
        _usage = usage;
    }

    public KinesisOperation Operation => KinesisOperation.CreateStream;

    public async Task HandleAsync(KinesisRequest request)
    {
        var (name, command) = Read(request.BodySpan);
        var options = _streams.Options;
        var (openShards, onDemandStreams) = await _usage.MeasureAsync();
        if ((long)openShards + command.ShardCount > options.ShardLimit)
        {
            throw AccountUsage.ShardLimitError(options, openShards, command.ShardCount);
        }

        if (command.Mode == StreamMode.OnDemand && onDemandStreams >= options.OnDemandStreamLimit)
        {
            throw KinesisErrors.LimitExceededError(string.Create(CultureInfo.InvariantCulture,
                $"This request would exceed the on-demand stream limit for the account {options.AccountId} in {options.Region}. Limit: {options.OnDemandStreamLimit}."));
        }

        await _streams.Grain(name).CreateAsync(command);
        _streams.Invalidate(name);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    private static (string Name, CreateStreamCommand Command) Read(ReadOnlySpan<byte> body)
    {
        string? name = null, mode = null;
        int? shardCount = null, maxRecordSize = null;
        long? warm = null;
        var hasModeDetails = false;
        Dictionary<string, string>? tags = null;
        var reader = new RequestReader(body);
        while (reader.NextMember(out var member))
        {
            if (member.SequenceEqual("StreamName"u8))
            {
                name = reader.ReadString();
            }
            else if (member.SequenceEqual("ShardCount"u8))
            {
                shardCount = reader.ReadInt32();
            }
            else if (member.SequenceEqual("StreamModeDetails"u8))
            {
                hasModeDetails = reader.BeginObject();
                if (hasModeDetails)
                {
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
            }
            else if (member.SequenceEqual("Tags"u8))
            {
                tags = reader.ReadStringMap();
            }
            else if (member.SequenceEqual("MaxRecordSizeInKiB"u8))
            {
                maxRecordSize = reader.ReadInt32();
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
        errors.Required(name, "streamName");
        errors.StreamName(name);
        errors.Range(shardCount, "shardCount", 1, int.MaxValue);
        if (hasModeDetails)
        {
            errors.Required(mode, "streamModeDetails.streamMode");
            errors.Enum(mode, "streamModeDetails.streamMode", Modes);
        }

        if (tags is not null)
        {
            errors.MapLength(tags, "tags", 1, 200);
        }

        errors.Range(maxRecordSize, "maxRecordSizeInKiB", 1024, 10240);
        errors.Range(warm, "warmThroughputMiBps", 0, long.MaxValue);
        errors.ThrowIfAny();

        var streamMode = mode switch
        {
            "ON_DEMAND" => StreamMode.OnDemand,
            "PROVISIONED" => StreamMode.Provisioned,
            _ => shardCount is null ? StreamMode.OnDemand : StreamMode.Provisioned,
        };
        if (streamMode == StreamMode.OnDemand && shardCount is not null)
        {
            throw KinesisErrors.InvalidArgumentError("ShardCount is not expected when StreamMode=ON_DEMAND");
        }

        TagRules.Validate(tags);
        return (name!, new CreateStreamCommand(shardCount ?? DefaultShardCount, streamMode, maxRecordSize ?? 1024, tags));
    }
}
