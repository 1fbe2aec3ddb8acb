using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Firehose;

/// <summary>CreateDeliveryStream, DeleteDeliveryStream, DescribeDeliveryStream and ListDeliveryStreams.</summary>
public sealed partial class DeliveryStreamHandlers
{
    private static readonly string[] StreamTypes = ["DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource"];
    private static readonly string[] KeyTypes = ["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"];

    private static readonly string[] OtherDestinations =
    [
        "RedshiftDestinationConfiguration", "ElasticsearchDestinationConfiguration", "AmazonopensearchserviceDestinationConfiguration",
        "AmazonOpenSearchServerlessDestinationConfiguration", "SplunkDestinationConfiguration", "HttpEndpointDestinationConfiguration",
        "SnowflakeDestinationConfiguration", "IcebergDestinationConfiguration",
    ];

    private readonly IGrainFactory _grains;
    private readonly FirehoseInstruments _metrics;

    public DeliveryStreamHandlers(IGrainFactory grains, FirehoseInstruments metrics)
    {
        _grains = grains;
        _metrics = metrics;
    }

    public async Task CreateAsync(KinesisRequest request)
    {
        using var document = FirehoseJson.Parse(request.BodySpan);
        var root = document.RootElement;
        var errors = new ValidationErrors();
        var definition = new DeliveryStreamDefinition { Name = FirehoseRequest.Name(root, errors) ?? "" };
        var type = FirehoseJson.String(root, "DeliveryStreamType");
        errors.Enum(type, "deliveryStreamType", StreamTypes);
        definition.Type = type ?? DeliveryStreamTypes.DirectPut;
        if (FirehoseJson.Object(root, "DirectPutSourceConfiguration") is { } direct)
        {
            definition.ThroughputHintInMBs = FirehoseJson.Int32(direct, "ThroughputHintInMBs");
            errors.Required(definition.ThroughputHintInMBs, "directPutSourceConfiguration.throughputHintInMBs");
            errors.Range(definition.ThroughputHintInMBs, "directPutSourceConfiguration.throughputHintInMBs", 1, 100);
        }

        var source = FirehoseJson.Object(root, "KinesisStreamSourceConfiguration");
        if (source is { } kinesis)
        {
            definition.KinesisStreamArn = FirehoseJson.String(kinesis, "KinesisStreamARN");
            definition.KinesisRoleArn = FirehoseJson.String(kinesis, "RoleARN");
            errors.Required(definition.KinesisStreamArn, "kinesisStreamSourceConfiguration.kinesisStreamARN");
            errors.Required(definition.KinesisRoleArn, "kinesisStreamSourceConfiguration.roleARN");
        }

        if (FirehoseJson.Object(root, "DeliveryStreamEncryptionConfigurationInput") is { } encryption)
        {
            definition.EncryptionKeyType = FirehoseJson.String(encryption, "KeyType");
            definition.EncryptionKeyArn = FirehoseJson.String(encryption, "KeyARN");
            errors.Required(definition.EncryptionKeyType, "deliveryStreamEncryptionConfigurationInput.keyType");
            errors.Enum(definition.EncryptionKeyType, "deliveryStreamEncryptionConfigurationInput.keyType", KeyTypes);
        }

        definition.Tags = FirehoseRequest.Tags(root, "Tags", "tags", errors) ?? definition.Tags;
        var destinationCount = ReadDestination(root, definition.Destination, errors);
        errors.ThrowIfAny();
        CheckDefinition(definition, destinationCount, source is not null);

        var arn = await _grains.GetGrain<IDeliveryStreamGrain>(definition.Name).CreateAsync(definition);
        using var response = new JsonResponse(256);
        response.Writer.WriteStartObject();
        response.Writer.WriteString("DeliveryStreamARN"u8, arn);
        response.Writer.WriteEndObject();
        await response.SendAsync(request);
    }

    public async Task DeleteAsync(KinesisRequest request)
    {
        using var document = FirehoseJson.Parse(request.BodySpan);
        var errors = new ValidationErrors();
        var name = FirehoseRequest.Name(document.RootElement, errors);
        FirehoseJson.Boolean(document.RootElement, "AllowForceDelete");
        errors.ThrowIfAny();
        await _grains.GetGrain<IDeliveryStreamGrain>(name!).DeleteAsync();
        await ResponseSender.SendEmptyAsync(request.Http);
    }

    public async Task DescribeAsync(KinesisRequest request)
    {
        var started = _metrics.Start();
        using var document = FirehoseJson.Parse(request.BodySpan);
        var root = document.RootElement;
        var errors = new ValidationErrors();
        var name = FirehoseRequest.Name(root, errors);
        errors.Range(FirehoseJson.Int32(root, "Limit"), "limit", 1, 10_000);
        var start = FirehoseJson.String(root, "ExclusiveStartDestinationId");
        errors.Length(start, "exclusiveStartDestinationId", 1, 100);
        errors.ThrowIfAny();
        var description = await _grains.GetGrain<IDeliveryStreamGrain>(name!).DescribeAsync();
        using var response = new JsonResponse(2048);
        response.Writer.WriteStartObject();
        DescriptionJson.Write(response.Writer, description);
        response.Writer.WriteEndObject();
        await response.SendAsync(request);
        _metrics.Control(name!, update: false, started);
    }

    public async Task ListAsync(KinesisRequest request)
    {
        using var document = FirehoseJson.Parse(request.BodySpan);
        var root = document.RootElement;
        var errors = new ValidationErrors();
        var limit = FirehoseJson.Int32(root, "Limit");
        errors.Range(limit, "limit", 1, 10_000);
        var type = FirehoseJson.String(root, "DeliveryStreamType");
        errors.Enum(type, "deliveryStreamType", StreamTypes);
        var start = FirehoseJson.String(root, "ExclusiveStartDeliveryStreamName");
        errors.Length(start, "exclusiveStartDeliveryStreamName", 1, 64);
        errors.ThrowIfAny();
        var directory = _grains.GetGrain<IDeliveryStreamDirectoryGrain>(IDeliveryStreamDirectoryGrain.DefaultKey);
        var (names, hasMore) = await directory.ListAsync(type, start, limit ?? 10);
        using var response = new JsonResponse(256 + (names.Count * 40));
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("DeliveryStreamNames"u8);
        foreach (var name in names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("HasMoreDeliveryStreams"u8, hasMore);
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    /// <summary>Reads the S3 destination; returns how many destination configurations the request has.</summary>
    private static int ReadDestination(System.Text.Json.JsonElement root, S3DestinationSettings destination, ValidationErrors errors)
    {
        var count = 0;
        if (FirehoseJson.Object(root, "ExtendedS3DestinationConfiguration") is { } extended)
        {
            count++;
            destination.Extended = true;
            DestinationReader.Apply(extended, destination, "extendedS3DestinationConfiguration", errors, create: true);
        }

        if (FirehoseJson.Object(root, "S3DestinationConfiguration") is { } s3)
        {
            count++;
            DestinationReader.Apply(s3, destination, "s3DestinationConfiguration", errors, create: true);
        }

        foreach (var other in OtherDestinations)
        {
            if (FirehoseJson.Object(root, other) is not null)
            {
                throw FirehoseErrors.InvalidArgument($"{other} is not supported by this server; use ExtendedS3DestinationConfiguration.");
            }
        }

        return count;
    }

    private static void CheckDefinition(DeliveryStreamDefinition definition, int destinations, bool hasKinesisSource)
    {
        if (destinations != 1)
        {
            throw FirehoseErrors.InvalidArgument(destinations == 0
                ? "Exactly one destination configuration must be specified; none was given."
                : "Exactly one destination configuration must be specified; more than one was given.");
        }

        DestinationReader.Check(definition.Destination);
        switch (definition.Type)
        {
            case DeliveryStreamTypes.DirectPut when hasKinesisSource:
                throw FirehoseErrors.InvalidArgument("KinesisStreamSourceConfiguration is only allowed when DeliveryStreamType is KinesisStreamAsSource.");
            case DeliveryStreamTypes.KinesisStreamAsSource when !hasKinesisSource:
                throw FirehoseErrors.InvalidArgument("KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.");
            case DeliveryStreamTypes.KinesisStreamAsSource when !KinesisStreamArn().IsMatch(definition.KinesisStreamArn!):
                throw FirehoseErrors.InvalidArgument($"KinesisStreamARN {definition.KinesisStreamArn} is not a valid Kinesis stream ARN.");
            case "MSKAsSource" or "DatabaseAsSource":
                throw FirehoseErrors.InvalidArgument($"DeliveryStreamType {definition.Type} is not supported by this server.");
        }

        if (definition.EncryptionKeyType is { } keyType)
        {
            CheckKey(keyType, definition.EncryptionKeyArn, definition.Type);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^arn:.*:kinesis:[a-zA-Z0-9\-]+:\d{12}:stream/[a-zA-Z0-9_.-]+$")]
    private static partial System.Text.RegularExpressions.Regex KinesisStreamArn();

    /// <summary>KeyARN is required for CUSTOMER_MANAGED_CMK and not allowed for AWS_OWNED_CMK.</summary>
    public static void CheckKey(string keyType, string? keyArn, string streamType)
    {
        if (streamType != DeliveryStreamTypes.DirectPut)
        {
            throw FirehoseErrors.InvalidArgument("Server-side encryption is only supported for DirectPut delivery streams.");
        }

        if (keyType == "CUSTOMER_MANAGED_CMK" && keyArn is null)
        {
            throw FirehoseErrors.InvalidArgument("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
        }

        if (keyType == "AWS_OWNED_CMK" && keyArn is not null)
        {
            throw FirehoseErrors.InvalidArgument("KeyARN must not be specified when KeyType is AWS_OWNED_CMK.");
        }
    }
}
