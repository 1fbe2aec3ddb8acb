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

    /// <summary>The index that stands for PutRecord's single entry (its members have no <c>records.N.member.</c> prefix).</summary>
    private const int SingleEntry = -1;

    /// <summary>Largest PutRecords request on a stream whose records may be larger than 1 MiB.</summary>
    public const long MaxLargeRecordRequestBytes = 10L * 1024 * 1024;

    public static void ValidateModel(PutRecordsRequest request, bool single)
    {
        var errors = new ValidationErrors();
        StreamResolver.Validate(errors, request.StreamName, request.StreamArn);
        if (single)
        {
            ValidateEntry(errors, request.Entries[0], SingleEntry);
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
                ValidateEntry(errors, request.Entries[i], i);
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

            if (entry.PartitionKey.Length + entry.DataLength > maxRecordBytes)
            {
                throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                    $"Record size ({entry.PartitionKey.Length + entry.DataLength} bytes of data and partition key) exceeds the maximum record size of {maxRecordBytes} bytes ({maxRecordSizeKiB} KiB) for stream {streamName}."));
            }
        }

        var maxRequestBytes = maxRecordSizeKiB > 1024 ? MaxLargeRecordRequestBytes : MaxRequestBytes;
        if (request.Count > 1 && request.TotalBytes > maxRequestBytes)
        {
            throw KinesisErrors.InvalidArgumentError(string.Create(CultureInfo.InvariantCulture,
                $"Records size ({request.TotalBytes} bytes of data and partition keys) exceeds the limit of {maxRequestBytes} bytes per PutRecords request."));
        }
    }

    /// <summary>Validates one entry; member names (<c>records.N.member.data</c>) are built only for an error, not for every entry.</summary>
    private static void ValidateEntry(ValidationErrors errors, in PutEntry entry, int index)
    {
        if (!entry.HasData)
        {
            errors.Required(null, Member(index, "data"));
        }
        else if (entry.DataLength > MaxDataBytes)
        {
            var length = entry.DataLength.ToString(CultureInfo.InvariantCulture);
            errors.Add($"java.nio.HeapByteBuffer[pos=0 lim={length} cap={length}]", Member(index, "data"),
                "Member must have length less than or equal to " + MaxDataBytes.ToString(CultureInfo.InvariantCulture), quote: false);
        }

        if (!entry.HasPartitionKey)
        {
            errors.Required(null, Member(index, "partitionKey"));
        }
        else if (entry.PartitionKeyChars is < 1 or > 256)
        {
            var text = System.Text.Encoding.UTF8.GetString(entry.PartitionKey.Span);
            errors.Length(text, Member(index, "partitionKey"), 1, 256);
        }

        if (entry.ExplicitHashKey is not null)
        {
            errors.Pattern(entry.ExplicitHashKey, Member(index, "explicitHashKey"), Patterns.IsHashKey, ValidationErrors.HashKeyPattern);
        }
    }

    /// <summary>The member's name in an error: <c>records.N.member.name</c> for the N-th PutRecords entry, else the name.</summary>
    private static string Member(int index, string name)
        => index == SingleEntry ? name : string.Concat("records.", (index + 1).ToString(CultureInfo.InvariantCulture), ".member.", name);
}
