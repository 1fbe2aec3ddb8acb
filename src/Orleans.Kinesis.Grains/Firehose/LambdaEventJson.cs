using System.Text.Json;
using Orleans.Kinesis.Abstractions.Firehose;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>The Lambda transformation contract on the wire (spec firehose.md §7.2 and §7.3).</summary>
public static class LambdaEventJson
{
    public static byte[] WriteEvent(TransformInvocation invocation)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("invocationId"u8, invocation.InvocationId);
            writer.WriteString("deliveryStreamArn"u8, invocation.DeliveryStreamArn);
            if (invocation.SourceKinesisStreamArn is { } source)
            {
                writer.WriteString("sourceKinesisStreamArn"u8, source);
            }

            writer.WriteString("region"u8, invocation.Region);
            writer.WriteStartArray("records"u8);
            foreach (var record in invocation.Records)
            {
                writer.WriteStartObject();
                writer.WriteString("recordId"u8, record.RecordId);
                writer.WriteNumber("approximateArrivalTimestamp"u8, record.ApproximateArrivalTimestampMs);
                writer.WriteBase64String("data"u8, record.Data.Span);
                if (record.KinesisRecordMetadata is { } metadata)
                {
                    writer.WriteStartObject("kinesisRecordMetadata"u8);
                    writer.WriteString("shardId"u8, metadata.ShardId);
                    writer.WriteString("partitionKey"u8, metadata.PartitionKey);
                    writer.WriteNumber("approximateArrivalTimestamp"u8, metadata.ApproximateArrivalTimestampMs);
                    writer.WriteString("sequenceNumber"u8, metadata.SequenceNumber);
                    writer.WriteNumber("subsequenceNumber"u8, 0);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses a reply; throws <see cref="TransformFailedException"/> (Lambda.JsonProcessingException) when it is not one.</summary>
    public static List<TransformOutputRecord> ReadReply(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (!document.RootElement.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw JsonProblem("The reply has no records array.");
            }

            var result = new List<TransformOutputRecord>(records.GetArrayLength());
            foreach (var record in records.EnumerateArray())
            {
                result.Add(ReadRecord(record));
            }

            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw JsonProblem(e.Message);
        }
    }

    private static TransformOutputRecord ReadRecord(JsonElement record)
    {
        var id = record.GetProperty("recordId").GetString() ?? throw JsonProblem("A record has no recordId.");
        var result = record.GetProperty("result").GetString();
        if (result is not (TransformOutputRecord.Ok or TransformOutputRecord.Dropped or TransformOutputRecord.ProcessingFailed))
        {
            throw JsonProblem($"Invalid result '{result}' for record {id}: expected Ok, Dropped or ProcessingFailed.");
        }

        var data = record.TryGetProperty("data", out var encoded) && encoded.ValueKind == JsonValueKind.String ? encoded.GetBytesFromBase64() : null;
        if (data is null && result == TransformOutputRecord.Ok)
        {
            throw JsonProblem($"Record {id} is Ok but has no data.");
        }

        Dictionary<string, string>? keys = null;
        if (record.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("partitionKeys", out var partitionKeys) && partitionKeys.ValueKind == JsonValueKind.Object)
        {
            keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in partitionKeys.EnumerateObject())
            {
                keys[key.Name] = key.Value.ToString();
            }
        }

        return new TransformOutputRecord(id, result, data ?? []) { PartitionKeys = keys };
    }

    private static TransformFailedException JsonProblem(string detail)
        => new("Lambda.JsonProcessingException", "The Lambda function's reply could not be processed: " + detail);
}
