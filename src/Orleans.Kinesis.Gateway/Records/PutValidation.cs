using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Records;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Records;

/// <summary>Model and service checks of PutRecord(s) entries, with AWS's member paths and messages.</summary>
public static class PutValidation
{
    /// <summary>Largest Data blob the model allows (10 MiB).</summary>
    public const int MaxDataBytes = 10 * 1024 * 1024;

    /// <summary>Largest PutRecords request (the sum of data and partition keys) on a stream of 1 MiB records.</summary>
    public const long MaxRequestBytes = 5L * 1024 * 1024;

    /// <summary>Largest PutRecords request on a stream whose records may be larger than 1 MiB.</summary>
    public const long MaxLargeRecordRequestBytes = 10L * 1024 * 1024;

    public static void ValidateModel(PutRecordsRequest request, bool single)
    {
        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, request.StreamName, request.StreamArn);
        if (single)
        {
            ValidateEntry(errors, request.Entries[0], string.Empty);
            errors.Pattern(request.SequenceNumberForOrdering, "sequenceNumberForOrdering", Patterns.IsSequenceNumber, ValidationErrors.SequenceNumberPattern);
        }
        else if (!request.HasRecords)
        {
            errors.Required(null, "records");
        }
        else
        {
            if (request.Count < 1)
            {
                errors.Add("[]", "records", "Member must have length greater than or equal to 1");
            }
            else if (request.Count > 500)
            {
                errors.Add("[" + request.Count.ToString(CultureInfo.InvariantCulture) + " records]", "records", "Member must have length less than or equal to 500");
            }

            for (var i = 0; i < request.Count && errors.Count < 10; i++)
            {
                ValidateEntry(errors, request.Entries[i], "records." + (i + 1).ToString(CultureInfo.InvariantCulture) + ".member.");
            }
        }

        errors.ThrowIfAny();
    }

    /// <summary>The service's checks after the model's: explicit hash keys in range and sizes within the stream's limits.</summary>
    public static void ValidateLimits(PutRecordsRequest request, int maxRecordSizeKiB, string streamName)
    {
        var maxRecordBytes = (long)maxRecordSizeKiB * 1024;
        for (var i = 0; i < request.Count; i++)
        {
            ref readonly var entry = ref request.Entries[i];
            if (entry.ExplicitHashKey is { } key && !UInt128.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw KinesisErrors.InvalidArgumentError(
                    $"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was {key}");
            }

            if (entry.PartitionKey.Length + entry.Data.Length > maxRecordBytes)
            {
                throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                    $"Record size ({entry.PartitionKey.Length + entry.Data.Length} bytes of data and partition key) exceeds the maximum record size of {maxRecordBytes} bytes ({maxRecordSizeKiB} KiB) for stream {streamName}."));
            }
        }

        var maxRequestBytes = maxRecordSizeKiB > 1024 ? MaxLargeRecordRequestBytes : MaxRequestBytes;
        if (request.Count > 1 && request.TotalBytes > maxRequestBytes)
        {
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"Records size ({request.TotalBytes} bytes of data and partition keys) exceeds the limit of {maxRequestBytes} bytes per PutRecords request."));
        }
    }

    private static void ValidateEntry(ValidationErrors errors, in PutEntry entry, string prefix)
    {
        if (!entry.HasData)
        {
            errors.Required(null, prefix + "data");
        }
        else if (entry.Data.Length > MaxDataBytes)
        {
            var length = entry.Data.Length.ToString(CultureInfo.InvariantCulture);
            errors.Add($"java.nio.HeapByteBuffer[pos=0 lim={length} cap={length}]", prefix + "data",
                "Member must have length less than or equal to " + MaxDataBytes.ToString(CultureInfo.InvariantCulture), quote: false);
        }

        if (!entry.HasPartitionKey)
        {
            errors.Required(null, prefix + "partitionKey");
        }
        else if (entry.PartitionKeyChars is < 1 or > 256)
        {
            var text = System.Text.Encoding.UTF8.GetString(entry.PartitionKey.Span);
            errors.Length(text, prefix + "partitionKey", 1, 256);
        }

        errors.Pattern(entry.ExplicitHashKey, prefix + "explicitHashKey", Patterns.IsHashKey, ValidationErrors.HashKeyPattern);
    }
}
