using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Ids;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Protocol.Operations;
using Orleans.Kinesis.Protocol.Records;

namespace Orleans.Kinesis.Gateway.Handlers;

/// <summary>PutRecord: one record; its sequence number is larger than SequenceNumberForOrdering when that is given.</summary>
public sealed class PutRecordHandler : IOperationHandler
{
    private readonly StreamResolver _streams;
    private readonly RecordAppender _appender;
    private readonly KinesisMetrics _metrics;

    public PutRecordHandler(StreamResolver streams, RecordAppender appender, KinesisMetrics metrics)
    {
        _metrics = metrics;
        _streams = streams;
        _appender = appender;
    }

    public KinesisOperation Operation => KinesisOperation.PutRecord;

    public async Task HandleAsync(KinesisRequest request)
    {
        var started = _metrics.Start();
        var put = PutRecordsReader.ReadPutRecord(request.Body, request.Length);
        PutValidation.ValidateModel(put, single: true);
        var streamName = _streams.ResolveName(put.StreamName, put.StreamArn);
        var routing = await _appender.GetWritableAsync(streamName);
        PutValidation.ValidateLimits(put, routing.Snapshot.MaxRecordSizeKiB, streamName);
        if (put.SequenceNumberForOrdering is { } ordering
            && (!SequenceNumber.TryParse(ordering, out var minimum) || !minimum.HasMarker || minimum.StreamTag != routing.Snapshot.SequenceTag))
        {
            // Sequence numbers grow within a shard and child shards number above their parents, so any number this
            // stream issued is already an exclusive minimum for the next record of the same partition key.
            throw KinesisErrors.InvalidArgumentError(
                $"ExclusiveMinimumSequenceNumber {ordering} used in PutRecord on stream {streamName} under account {_streams.Account} is invalid.");
        }

        var outcomes = new AppendOutcome[1];
        await _appender.AppendAsync(routing, put, outcomes);
        var outcome = outcomes[0];
        _metrics.PutRecord(routing, put, outcome, started);
        if (outcome.Error is { } error)
        {
            throw error;
        }

        using var response = new JsonResponse(192);
        var writer = response.Writer;
        Span<byte> sequence = stackalloc byte[40];
        outcome.SequenceNumber.TryFormat(sequence, out var length);
        writer.WriteStartObject();
        writer.WriteString("ShardId"u8, outcome.ShardIdUtf8);
        writer.WriteString("SequenceNumber"u8, sequence[..length]);
        if (outcome.Encrypted)
        {
            writer.WriteString("EncryptionType"u8, "KMS"u8);
        }

        writer.WriteEndObject();
        await response.SendAsync(request);
    }
}
