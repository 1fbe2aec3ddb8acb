using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Firehose;

/// <summary>UpdateDestination, the three tagging operations and Start/StopDeliveryStreamEncryption.</summary>
public sealed class DestinationHandlers
{
    private static readonly string[] KeyTypes = ["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"];
    private readonly IGrainFactory _grains;
    private readonly FirehoseInstruments _metrics;

    public DestinationHandlers(IGrainFactory grains, FirehoseInstruments metrics)
    {
        _grains = grains;
        _metrics = metrics;
    }

    public async Task UpdateDestinationAsync(KinesisRequest request)
    {
        var started = _metrics.Start();
        using var document = FirehoseJson.Parse(request.BodySpan);
        var root = document.RootElement;
        var errors = new ValidationErrors();
        var name = FirehoseRequest.Name(root, errors);
        var version = FirehoseJson.String(root, "CurrentDeliveryStreamVersionId");
        errors.Required(version, "currentDeliveryStreamVersionId");
        errors.Length(version, "currentDeliveryStreamVersionId", 1, 50);
        errors.Pattern(version, "currentDeliveryStreamVersionId", static v => v.All(char.IsAsciiDigit), "[0-9]+");
        var destinationId = FirehoseJson.String(root, "DestinationId");
        errors.Required(destinationId, "destinationId");
        errors.Length(destinationId, "destinationId", 1, 100);
        var extended = FirehoseJson.Object(root, "ExtendedS3DestinationUpdate");
        var plain = FirehoseJson.Object(root, "S3DestinationUpdate");
        var update = extended ?? plain;
        if (update is { } probe)
        {
            // Model constraints of the update are reported before any service rule, against a scratch copy.
            DestinationReader.Apply(probe, new S3DestinationSettings(), extended is null ? "s3DestinationUpdate" : "extendedS3DestinationUpdate", errors, create: false);
        }

        errors.ThrowIfAny();
        if (update is null || (extended is not null && plain is not null))
        {
            throw FirehoseErrors.InvalidArgument("Exactly one destination update must be specified (ExtendedS3DestinationUpdate or S3DestinationUpdate); other destination types are not supported by this server.");
        }

        // The update merges into the destination as described; the grain accepts the result only while the version
        // is still the one given (and described), so a concurrent update is a ConcurrentModificationException.
        var grain = _grains.GetGrain<IDeliveryStreamGrain>(name!);
        var description = await grain.DescribeAsync();
        var destination = description.Destination.Clone();
        if (version == description.VersionId.ToString(CultureInfo.InvariantCulture) && destinationId == description.DestinationId)
        {
            DestinationReader.Apply(update.Value, destination, "update", new ValidationErrors(), create: false);
            destination.Extended |= extended is not null;
            DestinationReader.Check(destination);
        }

        await grain.UpdateDestinationAsync(version!, destinationId!, destination);
        await ResponseSender.SendEmptyAsync(request.Http);
        _metrics.Control(name!, update: true, started);
    }

    public async Task TagAsync(KinesisRequest request)
    {
        using var document = FirehoseJson.Parse(request.BodySpan);
        var errors = new ValidationErrors();
        var name = FirehoseRequest.Name(document.RootElement, errors);
        var tags = FirehoseRequest.Tags(document.RootElement, "Tags", "tags", errors);
        errors.Required(tags, "tags");
        errors.ThrowIfAny();
        await _grains.GetGrain<IDeliveryStreamGrain>(name!).TagAsync(tags!);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task UntagAsync(KinesisRequest request)
    {
        using var document = FirehoseJson.Parse(request.BodySpan);
        var root = document.RootElement;
        var errors = new ValidationErrors();
        var name = FirehoseRequest.Name(root, errors);
        var keys = new List<string>();
        if (FirehoseJson.Array(root, "TagKeys") is { } list)
        {
            errors.Range(list.GetArrayLength(), "tagKeys", 1, 50);
            foreach (var key in list.EnumerateArray())
            {
                var text = key.ValueKind == System.Text.Json.JsonValueKind.String ? key.GetString()! : throw KinesisErrors.SerializationError("STRING_VALUE expected in TagKeys");
                errors.Length(text, "tagKeys.member", 1, 128);
                keys.Add(text);
            }
        }
        else
        {
            errors.Required(null, "tagKeys");
        }

        errors.ThrowIfAny();
        await _grains.GetGrain<IDeliveryStreamGrain>(name!).UntagAsync(keys);
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task ListTagsAsync(KinesisRequest request)
    {
        using var document = FirehoseJson.Parse(request.BodySpan);
        var root = document.RootElement;
        var errors = new ValidationErrors();
        var name = FirehoseRequest.Name(root, errors);
        var start = FirehoseJson.String(root, "ExclusiveStartTagKey");
        errors.Length(start, "exclusiveStartTagKey", 1, 128);
        var limit = FirehoseJson.Int32(root, "Limit");
        errors.Range(limit, "limit", 1, 50);
        errors.ThrowIfAny();
        var tags = await _grains.GetGrain<IDeliveryStreamGrain>(name!).GetTagsAsync();
        var keys = tags.Keys.Where(k => start is null || string.CompareOrdinal(k, start) > 0).Order(StringComparer.Ordinal).ToList();
        var take = Math.Min(limit ?? 50, keys.Count);
        using var response = new JsonResponse(1024);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("Tags"u8);
        for (var i = 0; i < take; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("Key"u8, keys[i]);
            writer.WriteString("Value"u8, tags[keys[i]]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("HasMoreTags"u8, take < keys.Count);
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    public async Task EncryptionAsync(KinesisRequest request, bool start)
    {
        using var document = FirehoseJson.Parse(request.BodySpan);
        var root = document.RootElement;
        var errors = new ValidationErrors();
        var name = FirehoseRequest.Name(root, errors);
        string? keyType = null;
        string? keyArn = null;
        if (start)
        {
            if (FirehoseJson.Object(root, "DeliveryStreamEncryptionConfigurationInput") is { } input)
            {
                keyType = FirehoseJson.String(input, "KeyType");
                keyArn = FirehoseJson.String(input, "KeyARN");
                errors.Required(keyType, "deliveryStreamEncryptionConfigurationInput.keyType");
                errors.Enum(keyType, "deliveryStreamEncryptionConfigurationInput.keyType", KeyTypes);
            }

            keyType ??= errors.HasErrors ? null : "AWS_OWNED_CMK";
        }

        errors.ThrowIfAny();
        var grain = _grains.GetGrain<IDeliveryStreamGrain>(name!);
        if (start)
        {
            var description = await grain.DescribeAsync();
            DeliveryStreamHandlers.CheckKey(keyType!, keyArn, description.Type);
        }

        await grain.SetEncryptionAsync(keyType, keyArn);
        await ResponseSender.SendEmptyAsync(request.Http);
    }
}
