using System.Globalization;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Protocol.Records;
using Orleans.Kinesis.Protocol.Validation;

namespace Orleans.Kinesis.Gateway.Firehose;

/// <summary>
/// PutRecord and PutRecordBatch: 1,000 KiB per record, 500 records and 4 MiB per batch. Data is decoded in place in
/// the request buffer and copied once into the delivery stream's log; the call returns once it is durable.
/// </summary>
public sealed class FirehosePutHandlers
{
    public const int MaxRecordBytes = 1_024_000;
    public const int MaxBatchRecords = 500;
    public const long MaxBatchBytes = 4L * 1024 * 1024;

    private readonly IGrainFactory _grains;
    private readonly FirehoseInstruments _metrics;

    public FirehosePutHandlers(IGrainFactory grains, FirehoseInstruments metrics)
    {
        _grains = grains;
        _metrics = metrics;
    }

    public async Task PutRecordAsync(KinesisRequest request)
    {
        var started = _metrics.Start();
        var input = FirehosePutReader.Read(request.Body, request.Length, batch: false);
        var errors = Validate(input, "record");
        errors.Required(input.HasRecords ? input : null, "record");
        errors.ThrowIfAny();
        var result = await _grains.GetGrain<IDeliveryStreamGrain>(input.StreamName!).PutAsync([input.Entries[0].Data]);
        _metrics.Put(input.StreamName!, batch: false, 1, input.Entries[0].Data.Length, started);
        using var response = new JsonResponse(128);
        response.Writer.WriteStartObject();
        response.Writer.WriteString("RecordId"u8, result.RecordIds[0]);
        response.Writer.WriteBoolean("Encrypted"u8, result.Encrypted);
        response.Writer.WriteEndObject();
        await response.SendAsync(request);
    }

    public async Task PutRecordBatchAsync(KinesisRequest request)
    {
        var started = _metrics.Start();
        var input = FirehosePutReader.Read(request.Body, request.Length, batch: true);
        var errors = Validate(input, "records");
        errors.Required(input.HasRecords ? input : null, "records");
        if (input.HasRecords)
        {
            errors.Range(input.Count, "records", 1, MaxBatchRecords);
        }

        errors.ThrowIfAny();
        if (input.TotalBytes > MaxBatchBytes)
        {
            throw FirehoseErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture,
                $"Records size exceeds 4 MB limit: the batch carries {input.TotalBytes} bytes of data."));
        }

        var records = new ReadOnlyMemory<byte>[input.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = input.Entries[i].Data;
        }

        var result = await _grains.GetGrain<IDeliveryStreamGrain>(input.StreamName!).PutAsync(records);
        _metrics.Put(input.StreamName!, batch: true, records.Length, input.TotalBytes, started);
        using var response = new JsonResponse(64 + (records.Length * 48));
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteNumber("FailedPutCount"u8, 0);
        writer.WriteBoolean("Encrypted"u8, result.Encrypted);
        writer.WriteStartArray("RequestResponses"u8);
        foreach (var id in result.RecordIds)
        {
            writer.WriteStartObject();
            writer.WriteString("RecordId"u8, id);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await response.SendAsync(request);
    }

    private static ValidationErrors Validate(PutRecordsRequest input, string path)
    {
        var errors = new ValidationErrors();
        errors.Required(input.StreamName, "deliveryStreamName");
        errors.Length(input.StreamName, "deliveryStreamName", 1, 64);
        errors.Pattern(input.StreamName, "deliveryStreamName", static n => IsName(n), FirehoseRequest.NamePattern);
        for (var i = 0; i < input.Count; i++)
        {
            var at = input.Count == 1 && path == "record" ? "record.data" : $"records.{i + 1}.member.data";
            ref var entry = ref input.Entries[i];
            if (!entry.HasData)
            {
                errors.Add(null, at, "Member must not be null");
            }
            else if (entry.Data.Length > MaxRecordBytes)
            {
                errors.Add("java.nio.HeapByteBuffer[pos=0 lim=" + entry.Data.Length.ToString(CultureInfo.InvariantCulture) + " cap=" + entry.Data.Length.ToString(CultureInfo.InvariantCulture) + "]",
                    at, "Member must have length less than or equal to 1024000", quote: true);
            }
        }

        return errors;
    }

    private static bool IsName(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
