using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Diagnostics;

/// <summary>
/// The gateway's <see cref="ActivitySource"/>: one server span per API call, named after the operation and tagged
/// with the stream, the shard and the outcome (<c>Success</c> or the AWS error type). Nothing is done without a listener.
/// </summary>
public static class GatewayActivities
{
    public const string SourceName = "Orleans.Kinesis.Gateway";
    public const string OperationTag = "aws.operation";
    public const string StreamTag = "aws.stream_name";
    public const string ShardTag = "aws.shard_id";
    public const string OutcomeTag = "aws.outcome";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of an API call, or returns null when nobody listens.</summary>
    public static Activity? StartCall(KinesisOperation operation)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var name = operation.ToString();
        var activity = Source.StartActivity(name, ActivityKind.Server);
        activity?.SetTag(OperationTag, name);
        return activity;
    }

    /// <summary>Tags the current call's span with the stream (Kinesis) or delivery stream (Firehose) it addressed.</summary>
    public static void TagStream(string streamName)
    {
        if (Activity.Current is { } activity && ReferenceEquals(activity.Source, Source))
        {
            activity.SetTag(StreamTag, streamName);
        }
    }

    /// <summary>Tags the current call's span with the shard it read or subscribed to.</summary>
    public static void TagShard(string shardId)
    {
        if (Activity.Current is { } activity && ReferenceEquals(activity.Source, Source))
        {
            activity.SetTag(ShardTag, shardId);
        }
    }

    /// <summary>Ends the span with the call's outcome: <c>Success</c>, or the error type the response carries.</summary>
    public static void StopCall(Activity? activity, HttpContext http)
    {
        if (activity is null)
        {
            return;
        }

        var response = http.Response;
        if (response.StatusCode < 400)
        {
            activity.SetTag(OutcomeTag, "Success");
        }
        else
        {
            var error = response.Headers["x-amzn-ErrorType"].ToString();
            activity.SetTag(OutcomeTag, error.Length > 0 ? error : "Error");
            activity.SetStatus(ActivityStatusCode.Error, error);
        }

        activity.SetTag("http.response.status_code", response.StatusCode);
        activity.Dispose();
    }
}
