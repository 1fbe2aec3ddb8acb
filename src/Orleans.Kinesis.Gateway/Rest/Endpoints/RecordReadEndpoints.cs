using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans.Kinesis.Gateway.Rest.Models;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Rest.Endpoints;

/// <summary>
/// GET /api/v1/streams/{name}/shards/{shardId}/records: reads from a position (GetShardIterator + GetRecords), or
/// continues from a previous page's <c>nextToken</c> (a shard iterator).
/// </summary>
internal static class RecordReadEndpoints
{
    public static void Map(RouteGroupBuilder api)
        => api.MapGet("/streams/{name}/shards/{shardId}/records", ReadAsync).WithTags("Records")
            .WithSummary("Reads records of a shard: position TRIM_HORIZON (default), LATEST, AT_SEQUENCE_NUMBER, "
                + "AFTER_SEQUENCE_NUMBER (with sequenceNumber) or AT_TIMESTAMP (with timestamp, ISO 8601 or epoch "
                + "seconds); limit ≤ 10000; token continues a previous page.");

    private static async Task<Ok<RecordPage>> ReadAsync(
        OperationInvoker aws,
        string name,
        string shardId,
        string? position,
        string? sequenceNumber,
        string? timestamp,
        int? limit,
        string? token,
        CancellationToken cancellationToken)
    {
        var iterator = token;
        if (iterator is null)
        {
            var request = new JsonObject
            {
                ["StreamName"] = name,
                ["ShardId"] = shardId,
                ["ShardIteratorType"] = position ?? "TRIM_HORIZON",
            };
            if (sequenceNumber is not null)
            {
                request["StartingSequenceNumber"] = sequenceNumber;
            }

            if (timestamp is not null)
            {
                request["Timestamp"] = EpochSeconds(timestamp);
            }

            var started = await aws.InvokeAsync(KinesisOperation.GetShardIterator, request, cancellationToken);
            iterator = RestJson.RequiredString(started, "ShardIterator");
        }

        var read = new JsonObject { ["ShardIterator"] = iterator };
        if (limit is not null)
        {
            read["Limit"] = limit;
        }

        var result = await aws.InvokeAsync(KinesisOperation.GetRecords, read, cancellationToken);
        var records = new List<RecordResource>();
        foreach (var record in RestJson.Array(result, "Records"))
        {
            records.Add(new RecordResource(
                RestJson.RequiredString(record, "SequenceNumber"),
                RestJson.RequiredString(record, "PartitionKey"),
                RestJson.Time(record, "ApproximateArrivalTimestamp"),
                RestJson.RequiredString(record, "Data"),
                RestJson.String(record, "EncryptionType") is not null));
        }

        var children = new List<string>();
        foreach (var child in RestJson.Array(result, "ChildShards"))
        {
            children.Add(RestJson.RequiredString(child, "ShardId"));
        }

        return TypedResults.Ok(new RecordPage(
            shardId, records, RestJson.String(result, "NextShardIterator"), RestJson.Long(result, "MillisBehindLatest") ?? 0, children));
    }

    /// <summary>AT_TIMESTAMP's time: epoch seconds (as the AWS API takes it) or an ISO 8601 time.</summary>
    private static double EpochSeconds(string timestamp)
    {
        if (double.TryParse(timestamp, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        return DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds() / 1000.0
            : throw RestErrors.Invalid($"timestamp '{timestamp}' is neither epoch seconds nor an ISO 8601 time.");
    }
}
