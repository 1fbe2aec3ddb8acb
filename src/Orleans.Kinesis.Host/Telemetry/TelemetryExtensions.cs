using System.Globalization;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Kinesis.Gateway.CloudWatch;
using Orleans.Kinesis.Gateway.Diagnostics;
using Orleans.Kinesis.Gateway.Health;

namespace Orleans.Kinesis.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host: the product meters (AWS names), storage, Orleans and runtime metrics with a Prometheus
/// scrape at <c>/metrics</c>; a span per API call; OTLP (traces, metrics, logs) when an endpoint is configured
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. Also the
/// metric archive and the storage readiness check.
/// </summary>
public static class TelemetryExtensions
{
    public const string ServiceName = "orleans-kinesis";
    public const string PrometheusPath = "/metrics";

    /// <summary>Meters exported besides the product ones; Orleans' own once the silo runs on Microsoft Orleans.</summary>
    public static readonly string[] InternalMeters = ["Orleans.Kinesis.Storage", "Orleans.Kinesis.Grains", "Microsoft.Orleans"];

    public static WebApplicationBuilder AddKinesisTelemetry(this WebApplicationBuilder builder, KinesisHostOptions options)
    {
        var services = builder.Services;
        services.Configure<MetricsOptions>(metrics =>
        {
            metrics.Enabled = options.Metrics;
            metrics.Retention = TimeSpan.FromMinutes(options.MetricsRetentionMinutes);
            metrics.NodeName = NodeName(options);
        });
        services.TryAddSingleton<IMetricArchive, ObjectStoreMetricArchive>();
        services.AddSingleton<IReadinessCheck, StorageReadinessCheck>();
        services.AddSingleton<IReadinessCheck, SiloReadinessCheck>();

        var otlp = options.OtlpEndpoint ?? (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } url ? new Uri(url) : null);
        var azureMonitor = Environment.GetEnvironmentVariable("APPLICATIONINSIGHTS_CONNECTION_STRING") is { Length: > 0 };
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(KinesisInstruments.MeterName, FirehoseInstruments.MeterName)
                .AddMeter(InternalMeters)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        if (otlp is not null || azureMonitor)
        {
            // Spans cost something per call: they are recorded only when something exports them.
            telemetry.WithTracing(tracing => tracing
                .AddSource(GatewayActivities.SourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = static http => !IsProbe(http.Request.Path)));
            telemetry.WithLogging();
        }

        if (otlp is not null)
        {
            telemetry.UseOtlpExporter(options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf, otlp);
        }

        if (azureMonitor)
        {
            telemetry.UseAzureMonitor();
        }

        return builder;
    }

    /// <summary>
    /// The node's name in the shared metric archive: the machine and the configured port (stable across restarts),
    /// or the process id when the port is chosen at start or comes from a URL, so that processes sharing one store on
    /// one machine never write the same document.
    /// </summary>
    public static string NodeName(KinesisHostOptions options)
        => Environment.MachineName.ToLowerInvariant() + "-"
            + (options.Port > 0 && options.Urls is null ? "p" + options.Port.ToString(CultureInfo.InvariantCulture) : "pid" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Serves the Prometheus scrape at <c>/metrics</c> (when metrics are on), ahead of the AWS protocol dispatch.</summary>
    public static WebApplication UseKinesisTelemetry(this WebApplication app, KinesisHostOptions options)
    {
        if (options.Metrics)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http => HttpMethods.IsGet(http.Request.Method) && http.Request.Path == PrometheusPath);
        }

        return app;
    }

    /// <summary>The console log: one line per event, as text (<c>simple</c>) or as JSON objects (<c>json</c>).</summary>
    public static ILoggingBuilder AddKinesisConsole(this ILoggingBuilder logging, string format)
        => format == "json"
            ? logging.AddJsonConsole(json => json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false })
            : logging.AddSimpleConsole(console => console.SingleLine = true);

    private static bool IsProbe(PathString path)
        => path == HealthEndpoints.LivePath || path == HealthEndpoints.ReadyPath || path == PrometheusPath;
}
