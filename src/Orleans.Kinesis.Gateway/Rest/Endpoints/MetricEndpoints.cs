using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans.Kinesis.Gateway.Rest.Metrics;

namespace Orleans.Kinesis.Gateway.Rest.Endpoints;

/// <summary>
/// GET /api/v1/metrics: a metric series for charts from the registered <see cref="IMetricSeriesSource"/>, e.g.
/// <c>?namespace=AWS/Kinesis&amp;metric=IncomingRecords&amp;stream=orders&amp;shard=shardId-000000000000&amp;minutes=15</c>;
/// 501 MetricsNotAvailableException when the host has no source.
/// </summary>
internal static class MetricEndpoints
{
    public static void Map(RouteGroupBuilder api)
        => api.MapGet("/metrics", GetAsync).WithTags("Metrics")
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .WithSummary("A CloudWatch metric series: namespace (AWS/Kinesis or AWS/Firehose), metric, stream, shard, "
                + "consumer or deliveryStream dimensions, minutes of history (1–1440) and period seconds (≥ 60 multiple).");

    private static async Task<Ok<MetricSeries>> GetAsync(
        IServiceProvider services,
        TimeProvider time,
        string? metric,
        string? stream,
        string? shard,
        string? consumer,
        string? deliveryStream,
        int? minutes,
        int? period,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "namespace")] string? metricNamespace,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(metric))
        {
            throw RestErrors.Invalid("metric is required, e.g. metric=IncomingRecords.");
        }

        var span = minutes ?? 15;
        var seconds = period ?? 60;
        if (span is < 1 or > 1440)
        {
            throw RestErrors.Invalid("minutes must be between 1 and 1440.");
        }

        if (seconds < 60 || seconds % 60 != 0)
        {
            throw RestErrors.Invalid("period must be a multiple of 60 seconds.");
        }

        var source = services.GetService(typeof(IMetricSeriesSource)) as IMetricSeriesSource ?? throw RestErrors.NoMetrics();
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(dimensions, "StreamName", stream);
        Add(dimensions, "ShardId", shard);
        Add(dimensions, "ConsumerName", consumer);
        Add(dimensions, "DeliveryStreamName", deliveryStream);
        var end = time.GetUtcNow();
        var query = new MetricQuery(metricNamespace ?? "AWS/Kinesis", metric, dimensions, end.AddMinutes(-span), end, seconds);
        return TypedResults.Ok(await source.GetSeriesAsync(query, cancellationToken));
    }

    private static void Add(Dictionary<string, string> dimensions, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            dimensions[name] = value;
        }
    }
}
