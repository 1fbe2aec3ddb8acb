using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>DeleteStream: the stream turns DELETING and is removed with its shard logs.</summary>
public sealed class DeleteStreamHandler : IOperationHandler
{
    private readonly StreamResolver _streams;

    public DeleteStreamHandler(StreamResolver streams) => _streams = streams;

    public KinesisOperation Operation => KinesisOperation.DeleteStream;

    public async Task HandleAsync(KinesisRequest request)
    {
        string? name = null, arn = null;
        bool? enforce = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("EnforceConsumerDeletion"u8))
            {
                enforce = reader.ReadBoolean();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.ThrowIfAny();
        var stream = _streams.ResolveName(name, arn);
        await _streams.Grain(stream).DeleteAsync(enforce ?? false);
        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }
}
