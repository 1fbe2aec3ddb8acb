using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Kinesis.Gateway.CloudWatch;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Health;
using Orleans.Kinesis.Gateway.Rest.Metrics;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>
/// The gateway's monitoring surface: the AWS/Kinesis and AWS/Firehose instruments, the CloudWatch store (this node's,
/// merged with the other nodes' archives) and API, the REST metrics route's series source, and the health probes. Metrics are collected only while <see cref="MetricsOptions.Enabled"/>.
/// </summary>
public static class MonitoringServiceCollectionExtensions
{
    public static IServiceCollection AddKinesisMonitoring(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<MetricsOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KinesisInstruments>();
        services.TryAddSingleton<FirehoseInstruments>();
        services.TryAddSingleton<KinesisMetrics>();
        services.TryAddSingleton<WriterHealth>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, WriterHealth>(provider => provider.GetRequiredService<WriterHealth>()));
        services.TryAddSingleton<MetricAggregator>();
        services.TryAddSingleton<ClusterMetrics>();
        services.TryAddSingleton<IMetricSeriesSource, ClusterMetricSeriesSource>();
        services.TryAddSingleton<CloudWatchOperations>();
        services.TryAddSingleton<CloudWatchEndpoint>();
        services.TryAddSingleton<HealthEndpoints>();
        services.AddHostedService<MetricArchiveService>();
        return services;
    }

    /// <summary>Answers health probes and CloudWatch calls ahead of the Kinesis/Firehose dispatch.</summary>
    public static IApplicationBuilder UseKinesisMonitoring(this IApplicationBuilder app)
    {
        var health = app.ApplicationServices.GetRequiredService<HealthEndpoints>();
        var cloudWatch = app.ApplicationServices.GetRequiredService<CloudWatchEndpoint>();
        return app.Use(next => http =>
            HealthEndpoints.Matches(http.Request) ? health.InvokeAsync(http)
            : CloudWatchEndpoint.Matches(http.Request) ? cloudWatch.InvokeAsync(http)
            : next(http));
    }
}
