using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Firehose;

/// <summary>
/// Reads an (Extended)S3 destination configuration or update onto settings: model constraints are collected as
/// ValidationException entries, service rules (prefix expressions, buffering hints, unsupported features) are
/// InvalidArgumentException. An update merges: members not given keep their values.
/// </summary>
public static partial class DestinationReader
{
    public static readonly string[] CompressionFormats = ["UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"];
    private static readonly string[] ProcessorTypes =
        ["RecordDeAggregation", "Decompression", "CloudWatchLogProcessing", "Lambda", "MetadataExtraction", "AppendDelimiterToRecord"];

    public static void Apply(JsonElement config, S3DestinationSettings target, string path, ValidationErrors errors, bool create)
    {
        var role = FirehoseJson.String(config, "RoleARN");
        var bucket = FirehoseJson.String(config, "BucketARN");
        if (create)
        {
            errors.Required(role, path + ".roleARN");
            errors.Required(bucket, path + ".bucketARN");
        }

        errors.Length(role, path + ".roleARN", 1, 512);
        errors.Length(bucket, path + ".bucketARN", 1, 2048);
        errors.Pattern(bucket, path + ".bucketARN", static b => BucketArn().IsMatch(b), "arn:.*:s3:::[\\w\\.\\-]{1,255}");
        target.RoleArn = role ?? target.RoleArn;
        target.BucketArn = bucket ?? target.BucketArn;

        if (config.TryGetProperty("Prefix", out _))
        {
            target.Prefix = Empty(FirehoseJson.String(config, "Prefix"));
            errors.Length(target.Prefix, path + ".prefix", 0, 1024);
        }

        if (config.TryGetProperty("ErrorOutputPrefix", out _))
        {
            target.ErrorOutputPrefix = Empty(FirehoseJson.String(config, "ErrorOutputPrefix"));
            errors.Length(target.ErrorOutputPrefix, path + ".errorOutputPrefix", 0, 1024);
        }

        ReadBuffering(config, target, path, errors);
        if (FirehoseJson.String(config, "CompressionFormat") is { } compression)
        {
            errors.Enum(compression, path + ".compressionFormat", CompressionFormats);
            target.CompressionFormat = compression;
        }

        ReadEncryption(config, target);
        if (FirehoseJson.Object(config, "CloudWatchLoggingOptions") is { } logging)
        {
            target.CloudWatchLoggingEnabled = FirehoseJson.Boolean(logging, "Enabled") ?? false;
            target.LogGroupName = FirehoseJson.String(logging, "LogGroupName");
            target.LogStreamName = FirehoseJson.String(logging, "LogStreamName");
        }

        if (FirehoseJson.Object(config, "ProcessingConfiguration") is { } processing)
        {
            target.Processing = ReadProcessing(processing, path + ".processingConfiguration", errors);
        }

        if (FirehoseJson.String(config, "S3BackupMode") is { } backup)
        {
            errors.Enum(backup, path + ".s3BackupMode", ["Disabled", "Enabled"]);
            target.S3BackupMode = backup;
        }

        if (FirehoseJson.String(config, "FileExtension") is { } extension)
        {
            errors.Length(extension, path + ".fileExtension", 0, 128);
            errors.Pattern(extension, path + ".fileExtension", static e => FileExtension().IsMatch(e), "^$|\\.[0-9a-z!\\-_.*'()]+$");
            target.FileExtension = Empty(extension);
        }

        if (FirehoseJson.String(config, "CustomTimeZone") is { } zone)
        {
            errors.Length(zone, path + ".customTimeZone", 0, 50);
            target.CustomTimeZone = Empty(zone);
        }

        RefuseUnsupported(config);
    }

    /// <summary>Service rules on the whole (merged) destination; throws InvalidArgumentException.</summary>
    public static void Check(S3DestinationSettings destination)
    {
        if ((ObjectKeyRules.BucketProblem(destination.BucketArn)
            ?? ObjectKeyRules.PrefixProblem(destination.Prefix, "Prefix")
            ?? ObjectKeyRules.PrefixProblem(destination.ErrorOutputPrefix, "ErrorOutputPrefix")) is { } unwritable)
        {
            throw FirehoseErrors.InvalidArgument(unwritable);
        }

        if (PrefixTemplate.Validate(destination.Prefix, destination.ErrorOutputPrefix) is { } problem)
        {
            throw FirehoseErrors.InvalidArgument(problem);
        }

        if (destination.CustomTimeZone is { } zone && zone != "UTC" && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw FirehoseErrors.InvalidArgument($"CustomTimeZone {zone} is not a valid time zone.");
        }

        if (destination.S3BackupMode == "Enabled")
        {
            throw FirehoseErrors.InvalidArgument("S3BackupMode Enabled (source record backup) is not supported by this server.");
        }
    }

    private static void ReadBuffering(JsonElement config, S3DestinationSettings target, string path, ValidationErrors errors)
    {
        if (FirehoseJson.Object(config, "BufferingHints") is not { } hints)
        {
            return;
        }

        var size = FirehoseJson.Int32(hints, "SizeInMBs");
        var interval = FirehoseJson.Int32(hints, "IntervalInSeconds");
        errors.Range(size, path + ".bufferingHints.sizeInMBs", 1, 128);
        errors.Range(interval, path + ".bufferingHints.intervalInSeconds", 0, 900);
        if ((size is null) != (interval is null))
        {
            throw FirehoseErrors.InvalidArgument("BufferingHints: when one of SizeInMBs and IntervalInSeconds is specified, the other must be specified too.");
        }

        target.SizeInMBs = size ?? target.SizeInMBs;
        target.IntervalInSeconds = interval ?? target.IntervalInSeconds;
    }

    private static void ReadEncryption(JsonElement config, S3DestinationSettings target)
    {
        if (FirehoseJson.Object(config, "EncryptionConfiguration") is not { } encryption)
        {
            return;
        }

        var none = FirehoseJson.String(encryption, "NoEncryptionConfig");
        var kms = FirehoseJson.Object(encryption, "KMSEncryptionConfig");
        if (none is not null && kms is not null)
        {
            throw FirehoseErrors.InvalidArgument("EncryptionConfiguration: specify either NoEncryptionConfig or KMSEncryptionConfig, not both.");
        }

        if (none is not null && none != "NoEncryption")
        {
            throw FirehoseErrors.InvalidArgument($"NoEncryptionConfig must be NoEncryption, not {none}.");
        }

        target.KmsKeyArn = kms is { } key
            ? FirehoseJson.String(key, "AWSKMSKeyARN") ?? throw FirehoseErrors.InvalidArgument("KMSEncryptionConfig requires AWSKMSKeyARN.")
            : null;
    }

    private static ProcessingSettings ReadProcessing(JsonElement processing, string path, ValidationErrors errors)
    {
        var settings = new ProcessingSettings { Enabled = FirehoseJson.Boolean(processing, "Enabled") ?? false };
        if (FirehoseJson.Array(processing, "Processors") is not { } processors)
        {
            return settings;
        }

        var index = 0;
        foreach (var element in processors.EnumerateArray())
        {
            index++;
            var at = path + ".processors." + FirehoseJson.Text(index) + ".member";
            var type = element.ValueKind == JsonValueKind.Object ? FirehoseJson.String(element, "Type") : null;
            errors.Required(type, at + ".type");
            errors.Enum(type, at + ".type", ProcessorTypes);
            var processor = new ProcessorSettings { Type = type ?? "" };
            if (element.ValueKind == JsonValueKind.Object && FirehoseJson.Array(element, "Parameters") is { } parameters)
            {
                foreach (var parameter in parameters.EnumerateArray())
                {
                    var name = parameter.ValueKind == JsonValueKind.Object ? FirehoseJson.String(parameter, "ParameterName") : null;
                    var value = parameter.ValueKind == JsonValueKind.Object ? FirehoseJson.String(parameter, "ParameterValue") : null;
                    errors.Required(name, at + ".parameters.member.parameterName");
                    errors.Required(value, at + ".parameters.member.parameterValue");
                    errors.Length(value, at + ".parameters.member.parameterValue", 1, 5120);
                    if (name is not null && value is not null)
                    {
                        processor.Parameters.Add(new ProcessorParameter(name, value));
                    }
                }
            }

            settings.Processors.Add(processor);
        }

        if (settings.Enabled && !errors.HasErrors)
        {
            foreach (var processor in settings.Processors)
            {
                CheckProcessor(processor);
            }
        }

        return settings;
    }

    private static void CheckProcessor(ProcessorSettings processor)
    {
        switch (processor.Type)
        {
            case "Lambda":
                if (processor.Parameter("LambdaArn") is null)
                {
                    throw FirehoseErrors.InvalidArgument("The Lambda processor requires the LambdaArn parameter.");
                }

                if (processor.Parameter("NumberOfRetries") is { } retries
                    && (!int.TryParse(retries, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 300))
                {
                    throw FirehoseErrors.InvalidArgument($"NumberOfRetries must be a whole number from 0 to 300, not {retries}.");
                }

                if (processor.Parameter("BufferSizeInMBs") is { } size
                    && (!double.TryParse(size, NumberStyles.Float, CultureInfo.InvariantCulture, out var mb) || mb < 0.2 || mb > 3))
                {
                    throw FirehoseErrors.InvalidArgument($"BufferSizeInMBs of the Lambda processor must be from 0.2 to 3, not {size}.");
                }

                break;
            case "AppendDelimiterToRecord":
                break;
            default:
                throw FirehoseErrors.InvalidArgument($"Processor type {processor.Type} is not supported by this server (Lambda and AppendDelimiterToRecord are).");
        }
    }

    private static void RefuseUnsupported(JsonElement config)
    {
        foreach (var feature in (ReadOnlySpan<string>)["DataFormatConversionConfiguration", "DynamicPartitioningConfiguration"])
        {
            if (FirehoseJson.Object(config, feature) is { } section && FirehoseJson.Boolean(section, "Enabled") != false)
            {
                throw FirehoseErrors.InvalidArgument($"{feature} is not supported by this server.");
            }
        }
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(@"^arn:.*:s3:::[\w\.\-]{1,255}$")]
    private static partial Regex BucketArn();

    [GeneratedRegex(@"^$|^\.[0-9a-z!\-_.*'()]+$")]
    private static partial Regex FileExtension();
}
