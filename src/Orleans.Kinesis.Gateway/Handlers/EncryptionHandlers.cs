using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Encryption;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Json;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// StartStreamEncryption and StopStreamEncryption: the stream passes through UPDATING; records written from the
/// call on are stored encrypted (or in the clear), while those already stored keep the form they were written in.
/// </summary>
public sealed class EncryptionHandlers
{
    private static readonly string[] EncryptionTypes = ["NONE", "KMS"];
    private readonly StreamResolver _streams;

    public EncryptionHandlers(StreamResolver streams) => _streams = streams;

    public async Task StartAsync(KinesisRequest request)
    {
        var (stream, keyId) = await ReadAsync(request);
        var keyArn = KmsKeys.Canonicalize(keyId, _streams.Options.Region, _streams.Account);
        await _streams.Grain(stream).StartEncryptionAsync(keyId, keyArn);
        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task StopAsync(KinesisRequest request)
    {
        var (stream, keyId) = await ReadAsync(request);
        _ = KmsKeys.Canonicalize(keyId, _streams.Options.Region, _streams.Account);
        await _streams.Grain(stream).StopEncryptionAsync();
        _streams.Invalidate(stream);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    /// <summary>Reads and validates the request; returns the stream (which exists) and the KeyId.</summary>
    private async Task<(string Stream, string KeyId)> ReadAsync(KinesisRequest request)
    {
        string? name = null, arn = null, type = null, keyId = null;
        var reader = new RequestReader(request.BodySpan);
        while (reader.NextMember(out var member))
        {
            if (StreamAddress.TryRead(ref reader, member, ref name, ref arn))
            {
                continue;
            }

            if (member.SequenceEqual("EncryptionType"u8))
            {
                type = reader.ReadString();
            }
            else if (member.SequenceEqual("KeyId"u8))
            {
                keyId = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, name, arn);
        errors.Required(type, "encryptionType");
        errors.Enum(type, "encryptionType", EncryptionTypes);
        errors.Required(keyId, "keyId");
        errors.Length(keyId, "keyId", 1, 2048);
        errors.ThrowIfAny();

        var stream = _streams.ResolveName(name, arn);
        _ = await _streams.GetAsync(stream); // RNF before any key check, as for every stream operation
        if (type != "KMS")
        {
            throw KinesisErrors.InvalidArgumentError($"Encryption type {type} is not supported for stream {stream} under account {_streams.Account}; the only server-side encryption type is KMS.");
        }

        return (stream, keyId!);
    }
}
