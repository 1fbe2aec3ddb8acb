using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Objects;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>
/// Delivers one buffer of records to the S3 destination's container: runs the Lambda processor (through the
/// transform workers) and AppendDelimiterToRecord, concatenates, compresses and puts one data object, and puts
/// the records that failed processing as JSON documents under the error prefix (type <c>processing-failed</c>).
/// Throws when an object cannot be stored; the caller keeps the records and tries again.
/// </summary>
public sealed class S3Delivery
{
    private const string ProcessingFailed = "processing-failed";
    private readonly IObjectStore _objects;
    private readonly TimeProvider _time;

    public S3Delivery(IObjectStore objects, TimeProvider time, DeliveryInstruments instruments)
    {
        Instruments = instruments;
        _objects = objects;
        _time = time;
    }

    /// <summary>The delivery metrics (also fed by the delivery stream grain for its Kinesis source).</summary>
    public DeliveryInstruments Instruments { get; }

    public async Task DeliverAsync(DeliveryContext context, RecordBatch batch, Func<long, string> recordId, IGrainFactory grains)
    {
        try
        {
            await DeliverBatchAsync(context, batch, recordId, grains);
        }
        catch
        {
            Instruments.DeliveryFailed(context.Name, (_time.GetUtcNow().ToUnixTimeMilliseconds() - batch.Records[0].ArrivalTimeMs) / 1000.0);
            throw;
        }
    }

    private async Task DeliverBatchAsync(DeliveryContext context, RecordBatch batch, Func<long, string> recordId, IGrainFactory grains)
    {
        var destination = context.Destination;
        var records = new List<TransformInputRecord>(batch.Count);
        foreach (var record in batch.Records)
        {
            records.Add(new TransformInputRecord(recordId(record.Ordinal), record.ArrivalTimeMs, record.Data, KinesisSourceReader.Metadata(record)));
        }

        var output = new List<ReadOnlyMemory<byte>>(records.Count);
        var failures = new MemoryStream();
        if (destination.Processing?.Find("Lambda") is { } lambda)
        {
            await TransformAsync(context, lambda, records, output, failures, grains);
        }
        else
        {
            foreach (var record in records)
            {
                output.Add(record.Data);
            }
        }

        var delimiter = Delimiter(destination.Processing?.Find("AppendDelimiterToRecord"));
        var zone = Zone(destination.CustomTimeZone);
        var oldest = DateTimeOffset.FromUnixTimeMilliseconds(batch.Records[0].ArrivalTimeMs);
        await _objects.EnsureContainerAsync(destination.Bucket, CancellationToken.None);
        long delivered = 0;
        if (output.Count > 0)
        {
            var content = Concatenate(output, delimiter);
            delivered = content.Length;
            var key = PrefixTemplate.EvaluateData(destination.Prefix, oldest, zone) + ObjectName(context, oldest, zone);
            await PutAsync(destination, key, content);
        }

        if (failures.Length > 0)
        {
            var key = PrefixTemplate.EvaluateError(destination.Prefix, destination.ErrorOutputPrefix, ProcessingFailed, oldest, zone)
                + ObjectName(context, oldest, zone);
            await PutAsync(destination, key, failures);
        }

        var freshness = (_time.GetUtcNow() - oldest).TotalSeconds;
        Instruments.Delivered(context.Name, delivered, output.Count, (output.Count > 0 ? 1 : 0) + (failures.Length > 0 ? 1 : 0), freshness);
    }

    private async Task PutAsync(S3DestinationSettings destination, string key, MemoryStream content)
    {
        var entryName = key[(key.LastIndexOf('/') + 1)..];
        var extension = destination.FileExtension ?? ObjectCompression.Extension(destination.CompressionFormat);
        if (extension.Length > 0 && entryName.EndsWith(extension, StringComparison.Ordinal))
        {
            entryName = entryName[..^extension.Length];
        }

        var bytes = ObjectCompression.Compress(destination.CompressionFormat, content.GetBuffer().AsSpan(0, (int)content.Length), entryName);
        await _objects.PutAsync(destination.Bucket, key, bytes, CancellationToken.None);
    }

    private async Task TransformAsync(
        DeliveryContext context, ProcessorSettings lambda, List<TransformInputRecord> records,
        List<ReadOnlyMemory<byte>> output, MemoryStream failures, IGrainFactory grains)
    {
        var arn = lambda.Parameter("LambdaArn") ?? "";
        var retries = int.TryParse(lambda.Parameter("NumberOfRetries"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 3;
        var bufferMb = double.TryParse(lambda.Parameter("BufferSizeInMBs"), NumberStyles.Float, CultureInfo.InvariantCulture, out var b) ? b : 1.0;
        var limit = (long)(bufferMb * 1024 * 1024);
        var chunks = new List<List<TransformInputRecord>>();
        long size = 0;
        foreach (var record in records)
        {
            if (chunks.Count == 0 || (size + record.Data.Length > limit && chunks[^1].Count > 0))
            {
                chunks.Add([]);
                size = 0;
            }

            chunks[^1].Add(record);
            size += record.Data.Length;
        }

        var worker = grains.GetGrain<ITransformWorkerGrain>("transform");
        var calls = new Task<TransformOutcome>[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            var invocation = new TransformInvocation(Guid.NewGuid().ToString(), context.Arn, context.Region, context.SourceStreamArn, chunks[i]);
            calls[i] = worker.TransformAsync(arn, invocation, retries);
        }

        var started = _time.GetTimestamp();
        var outcomes = await Task.WhenAll(calls);
        var ended = _time.GetUtcNow().ToUnixTimeMilliseconds();
        RecordProcessing(context.Name, outcomes, _time.GetElapsedTime(started).TotalMilliseconds);
        for (var i = 0; i < chunks.Count; i++)
        {
            var outcome = outcomes[i];
            if (outcome.Records is null)
            {
                foreach (var record in chunks[i])
                {
                    WriteFailure(failures, record, outcome.AttemptsMade, outcome.ErrorCode!, outcome.ErrorMessage ?? "", ended, arn);
                }

                continue;
            }

            var answers = new Dictionary<string, TransformOutputRecord>(outcome.Records.Count, StringComparer.Ordinal);
            foreach (var answer in outcome.Records)
            {
                answers[answer.RecordId] = answer;
            }

            foreach (var record in chunks[i])
            {
                var answer = answers[record.RecordId];
                if (answer.Result == TransformOutputRecord.Ok)
                {
                    output.Add(answer.Data);
                }
                else if (answer.Result == TransformOutputRecord.ProcessingFailed)
                {
                    WriteFailure(failures, record, outcome.AttemptsMade, "Lambda.ProcessingFailed",
                        "The Lambda function marked the record ProcessingFailed.", ended, arn);
                }
            }
        }
    }

    private void RecordProcessing(string name, TransformOutcome[] outcomes, double milliseconds)
    {
        for (var i = 0; i < outcomes.Length; i++)
        {
            long records = 0, bytes = 0;
            foreach (var answer in outcomes[i].Records ?? [])
            {
                if (answer.Result != TransformOutputRecord.ProcessingFailed)
                {
                    records++;
                    bytes += answer.Data.Length;
                }
            }

            Instruments.Processed(name, milliseconds, outcomes[i].Records is not null, records, bytes);
        }
    }

    private static MemoryStream Concatenate(List<ReadOnlyMemory<byte>> records, byte[] delimiter)
    {
        var content = new MemoryStream();
        foreach (var data in records)
        {
            content.Write(data.Span);
            content.Write(delimiter);
        }

        return content;
    }

    private static void WriteFailure(MemoryStream failures, TransformInputRecord record, int attempts, string code, string message, long endedMs, string arn)
    {
        using (var writer = new Utf8JsonWriter(failures))
        {
            writer.WriteStartObject();
            writer.WriteNumber("attemptsMade"u8, attempts);
            writer.WriteNumber("arrivalTimestamp"u8, record.ApproximateArrivalTimestampMs);
            writer.WriteString("errorCode"u8, code);
            writer.WriteString("errorMessage"u8, message);
            writer.WriteNumber("attemptEndingTimestamp"u8, endedMs);
            writer.WriteBase64String("rawData"u8, record.Data.Span);
            writer.WriteString("lambdaArn"u8, arn);
            writer.WriteEndObject();
        }

        failures.WriteByte((byte)'\n');
    }

    private static string ObjectName(DeliveryContext context, DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var extension = context.Destination.FileExtension ?? ObjectCompression.Extension(context.Destination.CompressionFormat);
        return string.Create(CultureInfo.InvariantCulture,
            $"{context.Name}-{context.VersionId}-{local:yyyy-MM-dd-HH-mm-ss}-{Guid.NewGuid():D}{extension}");
    }

    private static byte[] Delimiter(ProcessorSettings? processor)
    {
        if (processor is null)
        {
            return [];
        }

        var configured = processor.Parameter("Delimiter");
        if (configured is null)
        {
            return "\n"u8.ToArray();
        }

        var bytes = Encoding.UTF8.GetBytes(configured);
        return Base64.IsValid(configured) && Base64.DecodeFromUtf8InPlace(bytes, out var length) == System.Buffers.OperationStatus.Done
            ? bytes[..length]
            : Encoding.UTF8.GetBytes(configured);
    }

    private static TimeZoneInfo Zone(string? id)
        => string.IsNullOrEmpty(id) || id == "UTC" ? TimeZoneInfo.Utc
        : TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
