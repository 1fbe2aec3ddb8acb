using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans.Kinesis.Gateway.Rest.Models;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Rest.Endpoints;

/// <summary>/api/v1/streams: list, create, describe, delete and reshard data streams.</summary>
internal static class StreamEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var streams = api.MapGroup("/streams").WithTags("Streams");
        streams.MapGet("/", ListAsync).WithSummary("Lists streams with their status and open shard count (ListStreams, DescribeStreamSummary).");
        streams.MapPost("/", CreateAsync).Accepts<CreateStreamBody>("application/json")
            .WithSummary("Creates a stream (CreateStream): a shard count for PROVISIONED, or mode ON_DEMAND.");
        streams.MapGet("/{name}", DescribeAsync).WithSummary("Describes a stream (DescribeStreamSummary).");
        streams.MapDelete("/{name}", DeleteAsync).WithSummary("Deletes a stream (DeleteStream); force=true also deregisters its consumers.");
        streams.MapPost("/{name}/reshard", ReshardAsync).Accepts<ReshardBody>("application/json")
            .WithSummary("Scales the stream to a number of open shards (UpdateShardCount, UNIFORM_SCALING).");
        streams.MapPost("/{name}/shard-metrics", ShardMetricsAsync).Accepts<ShardMetricsBody>("application/json")
            .WithSummary("Turns all shard-level (enhanced) metrics on or off (EnableEnhancedMonitoring / DisableEnhancedMonitoring with ALL).");
    }

    private static async Task<Ok<StreamList>> ListAsync(OperationInvoker aws, int? limit, string? nextToken, CancellationToken cancellationToken)
    {
        var request = new JsonObject();
        if (nextToken is not null)
        {
            request["NextToken"] = nextToken;
        }

        if (limit is not null)
        {
            request["Limit"] = limit;
        }

        var page = await aws.InvokeAsync(KinesisOperation.ListStreams, request, cancellationToken);
        var names = new List<string>();
        foreach (var name in RestJson.Array(page, "StreamNames"))
        {
            names.Add(name.GetString()!);
        }

        var streams = await Task.WhenAll(names.Select(name => DescribeStreamAsync(aws, name, cancellationToken)));
        return TypedResults.Ok(new StreamList(streams, RestJson.String(page, "NextToken")));
    }

    private static async Task<Created<StreamResource>> CreateAsync(OperationInvoker aws, HttpRequest http, CancellationToken cancellationToken)
    {
        var body = await RestBody.ReadAsync(http, RestJsonContext.Default.CreateStreamBody);
        var request = new JsonObject { ["StreamName"] = body.Name };
        if (body.ShardCount is { } count)
        {
            request["ShardCount"] = count;
        }

        if (body.Mode is { } mode)
        {
            request["StreamModeDetails"] = new JsonObject { ["StreamMode"] = mode };
        }

        await aws.InvokeAsync(KinesisOperation.CreateStream, request, cancellationToken);
        var stream = await DescribeStreamAsync(aws, body.Name!, cancellationToken);
        return TypedResults.Created("/api/v1/streams/" + Uri.EscapeDataString(stream.Name), stream);
    }

    private static async Task<Ok<StreamResource>> DescribeAsync(OperationInvoker aws, string name, CancellationToken cancellationToken)
        => TypedResults.Ok(await DescribeStreamAsync(aws, name, cancellationToken));

    private static async Task<Accepted> DeleteAsync(OperationInvoker aws, string name, bool? force, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["StreamName"] = name };
        if (force == true)
        {
            request["EnforceConsumerDeletion"] = true;
        }

        await aws.InvokeAsync(KinesisOperation.DeleteStream, request, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Accepted<ReshardResult>> ReshardAsync(OperationInvoker aws, string name, HttpRequest http, CancellationToken cancellationToken)
    {
        var body = await RestBody.ReadAsync(http, RestJsonContext.Default.ReshardBody);
        var request = new JsonObject { ["StreamName"] = name, ["ScalingType"] = "UNIFORM_SCALING" };
        if (body.TargetShardCount is { } target)
        {
            request["TargetShardCount"] = target;
        }

        var result = await aws.InvokeAsync(KinesisOperation.UpdateShardCount, request, cancellationToken);
        return TypedResults.Accepted((string?)null, new ReshardResult(
            RestJson.String(result, "StreamName") ?? name, RestJson.Int(result, "CurrentShardCount"), RestJson.Int(result, "TargetShardCount")));
    }

    private static async Task<Ok<StreamResource>> ShardMetricsAsync(OperationInvoker aws, string name, HttpRequest http, CancellationToken cancellationToken)
    {
        var body = await RestBody.ReadAsync(http, RestJsonContext.Default.ShardMetricsBody);
        var operation = body.Enabled ? KinesisOperation.EnableEnhancedMonitoring : KinesisOperation.DisableEnhancedMonitoring;
        await aws.InvokeAsync(operation, new JsonObject { ["StreamName"] = name, ["ShardLevelMetrics"] = new JsonArray("ALL") }, cancellationToken);
        return TypedResults.Ok(await DescribeStreamAsync(aws, name, cancellationToken));
    }

    private static List<string> ShardLevelMetrics(System.Text.Json.JsonElement summary)
    {
        var metrics = new List<string>();
        foreach (var monitoring in RestJson.Array(summary, "EnhancedMonitoring"))
        {
            foreach (var metric in RestJson.Array(monitoring, "ShardLevelMetrics"))
            {
                metrics.Add(metric.GetString()!);
            }
        }

        return metrics;
    }

    internal static async Task<StreamResource> DescribeStreamAsync(OperationInvoker aws, string name, CancellationToken cancellationToken)
    {
        var result = await aws.InvokeAsync(KinesisOperation.DescribeStreamSummary, new JsonObject { ["StreamName"] = name }, cancellationToken);
        var summary = RestJson.Member(result, "StreamDescriptionSummary");
        return new StreamResource(
            RestJson.RequiredString(summary, "StreamName"),
            RestJson.RequiredString(summary, "StreamARN"),
            RestJson.RequiredString(summary, "StreamStatus"),
            RestJson.String(RestJson.Member(summary, "StreamModeDetails"), "StreamMode") ?? "PROVISIONED",
            RestJson.Int(summary, "OpenShardCount"),
            RestJson.Int(summary, "ConsumerCount"),
            RestJson.Int(summary, "RetentionPeriodHours"),
            RestJson.Time(summary, "StreamCreationTimestamp"),
            RestJson.String(summary, "EncryptionType") ?? "NONE",
            RestJson.String(summary, "KeyId"),
            ShardLevelMetrics(summary));
    }
}
