using System.Globalization;
using System.Text.Json;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Protocol.Json;

namespace Orleans.Kinesis.Gateway.Firehose;

/// <summary>Writes DescribeDeliveryStream's <c>DeliveryStreamDescription</c>, defaults materialised as AWS does.</summary>
public static class DescriptionJson
{
    public static void Write(Utf8JsonWriter writer, DeliveryStreamDescription description)
    {
        writer.WriteStartObject("DeliveryStreamDescription"u8);
        writer.WriteString("DeliveryStreamName"u8, description.Name);
        writer.WriteString("DeliveryStreamARN"u8, description.Arn);
        writer.WriteString("DeliveryStreamStatus"u8, description.Status);
        if (description.Failure is { } failure)
        {
            writer.WriteStartObject("FailureDescription"u8);
            writer.WriteString("Type"u8, failure.Type);
            writer.WriteString("Details"u8, failure.Details);
            writer.WriteEndObject();
        }
        writer.WriteStartObject("DeliveryStreamEncryptionConfiguration"u8);
        if (description.EncryptionStatus is not null and not "DISABLED")
        {
            if (description.EncryptionKeyArn is { } key)
            {
                writer.WriteString("KeyARN"u8, key);
            }

            writer.WriteString("KeyType"u8, description.EncryptionKeyType);
        }

        writer.WriteString("Status"u8, description.EncryptionStatus ?? "DISABLED");
        writer.WriteEndObject();
        writer.WriteString("DeliveryStreamType"u8, description.Type);
        writer.WriteString("VersionId"u8, description.VersionId.ToString(CultureInfo.InvariantCulture));
        writer.WriteEpochSeconds("CreateTimestamp"u8, description.CreateTimestampMs);
        if (description.LastUpdateTimestampMs is { } updated)
        {
            writer.WriteEpochSeconds("LastUpdateTimestamp"u8, updated);
        }

        WriteSource(writer, description);
        writer.WriteStartArray("Destinations"u8);
        writer.WriteStartObject();
        writer.WriteString("DestinationId"u8, description.DestinationId);
        WriteS3(writer, "S3DestinationDescription"u8, description.Destination, extended: false);
        if (description.Destination.Extended)
        {
            WriteS3(writer, "ExtendedS3DestinationDescription"u8, description.Destination, extended: true);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteBoolean("HasMoreDestinations"u8, false);
        writer.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter writer, DeliveryStreamDescription description)
    {
        if (description.KinesisStreamArn is { } stream)
        {
            writer.WriteStartObject("Source"u8);
            writer.WriteStartObject("KinesisStreamSourceDescription"u8);
            writer.WriteString("KinesisStreamARN"u8, stream);
            writer.WriteString("RoleARN"u8, description.KinesisRoleArn);
            writer.WriteEpochSeconds("DeliveryStartTimestamp"u8, description.DeliveryStartTimestampMs ?? description.CreateTimestampMs);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else if (description.ThroughputHintInMBs is { } hint)
        {
            writer.WriteStartObject("Source"u8);
            writer.WriteStartObject("DirectPutSourceDescription"u8);
            writer.WriteNumber("ThroughputHintInMBs"u8, hint);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    private static void WriteS3(Utf8JsonWriter writer, ReadOnlySpan<byte> name, S3DestinationSettings destination, bool extended)
    {
        writer.WriteStartObject(name);
        writer.WriteString("RoleARN"u8, destination.RoleArn);
        writer.WriteString("BucketARN"u8, destination.BucketArn);
        if (destination.Prefix is { } prefix)
        {
            writer.WriteString("Prefix"u8, prefix);
        }

        if (destination.ErrorOutputPrefix is { } errorPrefix)
        {
            writer.WriteString("ErrorOutputPrefix"u8, errorPrefix);
        }

        writer.WriteStartObject("BufferingHints"u8);
        writer.WriteNumber("SizeInMBs"u8, destination.SizeInMBs);
        writer.WriteNumber("IntervalInSeconds"u8, destination.IntervalInSeconds);
        writer.WriteEndObject();
        writer.WriteString("CompressionFormat"u8, destination.CompressionFormat);
        writer.WriteStartObject("EncryptionConfiguration"u8);
        if (destination.KmsKeyArn is { } key)
        {
            writer.WriteStartObject("KMSEncryptionConfig"u8);
            writer.WriteString("AWSKMSKeyARN"u8, key);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("NoEncryptionConfig"u8, "NoEncryption");
        }

        writer.WriteEndObject();
        writer.WriteStartObject("CloudWatchLoggingOptions"u8);
        writer.WriteBoolean("Enabled"u8, destination.CloudWatchLoggingEnabled);
        if (destination.LogGroupName is { } group)
        {
            writer.WriteString("LogGroupName"u8, group);
        }

        if (destination.LogStreamName is { } stream)
        {
            writer.WriteString("LogStreamName"u8, stream);
        }

        writer.WriteEndObject();
        if (extended)
        {
            WriteExtended(writer, destination);
        }

        writer.WriteEndObject();
    }

    private static void WriteExtended(Utf8JsonWriter writer, S3DestinationSettings destination)
    {
        if (destination.Processing is { } processing)
        {
            writer.WriteStartObject("ProcessingConfiguration"u8);
            writer.WriteBoolean("Enabled"u8, processing.Enabled);
            writer.WriteStartArray("Processors"u8);
            foreach (var processor in processing.Processors)
            {
                writer.WriteStartObject();
                writer.WriteString("Type"u8, processor.Type);
                writer.WriteStartArray("Parameters"u8);
                foreach (var parameter in processor.Parameters)
                {
                    writer.WriteStartObject();
                    writer.WriteString("ParameterName"u8, parameter.ParameterName);
                    writer.WriteString("ParameterValue"u8, parameter.ParameterValue);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteString("S3BackupMode"u8, destination.S3BackupMode);
        if (destination.FileExtension is { } extension)
        {
            writer.WriteString("FileExtension"u8, extension);
        }

        if (destination.CustomTimeZone is { } zone)
        {
            writer.WriteString("CustomTimeZone"u8, zone);
        }
    }
}
