using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Records;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>
/// PutRecords: up to 500 entries routed to their shards in parallel; one result per entry in request order, with
/// per-entry errors that do not abort the others.
/// </summary>
public sealed class PutRecordsHandler : IOperationHandler
{
    private readonly StreamResolver _streams;
    private readonly RecordAppender _appender;
    private readonly KinesisMetrics _metrics;

    public PutRecordsHandler(StreamResolver streams, RecordAppender appender, KinesisMetrics metrics)
    {
        _metrics = metrics;
        _streams = streams;
        _appender = appender;
    }

    public KinesisOperation Operation => KinesisOperation.PutRecords;

    public async Task HandleAsync(KinesisRequest request)
    {
        var started = _metrics.Start();
        var put = PutRecordsReader.ReadPutRecords(request.Body, request.Length);
        PutValidation.ValidateModel(put, single: false);
        var routing = await _appender.GetWritableAsync(_streams.ResolveName(put.StreamName, put.StreamArn));
        PutValidation.ValidateLimits(put, routing.Snapshot.MaxRecordSizeKiB, routing.Snapshot.StreamName);

        var outcomes = new AppendOutcome[put.Count];
        var failed = await _appender.AppendAsync(routing, put, outcomes);
        _metrics.PutRecords(routing, put, outcomes, started);
        if (failed == put.Count && outcomes[0].Error is { ErrorType: KinesisErrors.ResourceNotFound } notFound)
        {
            throw notFound; // the stream went away: the whole call fails, as it does for a missing stream
        }

        var encrypted = false;
        foreach (var outcome in outcomes)
        {
            encrypted |= outcome.Encrypted;
        }

        using var response = new JsonResponse(96 + (put.Count * 110));
        var writer = response.Writer;
        Span<byte> sequence = stackalloc byte[40];
        writer.WriteStartObject();
        writer.WriteNumber("FailedRecordCount"u8, failed);
        writer.WriteStartArray("Records"u8);
        foreach (var outcome in outcomes)
        {
            writer.WriteStartObject();
            if (outcome.Error is { } error)
            {
                var throttled = error.ErrorType == KinesisErrors.ProvisionedThroughputExceeded;
                writer.WriteString("ErrorCode"u8, throttled ? error.ErrorType : KinesisErrors.InternalFailure);
                writer.WriteString("ErrorMessage"u8, throttled ? error.ErrorMessage : "Internal service failure.");
            }
            else
            {
                outcome.SequenceNumber.TryFormat(sequence, out var length);
                writer.WriteString("SequenceNumber"u8, sequence[..length]);
                writer.WriteString("ShardId"u8, outcome.ShardIdUtf8);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (encrypted)
        {
            writer.WriteString("EncryptionType"u8, "KMS"u8);
        }

        writer.WriteEndObject();
        await response.SendAsync(request);
    }
}
