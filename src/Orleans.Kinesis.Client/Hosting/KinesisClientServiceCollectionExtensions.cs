using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Client.Firehose;
using Orleans.Kinesis.Client.Http;
using Polly;

namespace Orleans.Kinesis.Client.Hosting;

/// <summary>
/// Registers <see cref="KinesisClient"/> and <see cref="FirehoseClient"/> on a named <see cref="IHttpClientFactory"/>
/// client whose chain is: retry (Microsoft.Extensions.Http.Resilience) → SigV4 signing → sockets.
/// </summary>
public static class KinesisClientServiceCollectionExtensions
{
    public static IHttpClientBuilder AddKinesisClient(this IServiceCollection services, Action<KinesisClientOptions> configure)
    {
        services.AddOptions<KinesisClientOptions>().Configure(configure);
        services.AddSingleton(TimeProvider.System);
        var builder = services.AddHttpClient(KinesisHttp.HttpClientName, static http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(KinesisHttp.CreatePrimaryHandler);
        builder.AddResilienceHandler("kinesis-retry", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<KinesisClientOptions>>().Value;
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(RetryPipeline.Options(options));
            }
        });
        builder.AddHttpMessageHandler(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<KinesisClientOptions>>().Value;
            return new SigV4SigningHandler(options.ResolveCredentials, options.Region, sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        services.AddSingleton(static sp => new KinesisClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(KinesisHttp.HttpClientName),
            sp.GetRequiredService<IOptions<KinesisClientOptions>>().Value,
            ownsHttp: false));
        services.AddSingleton(static sp => new FirehoseClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(KinesisHttp.HttpClientName),
            sp.GetRequiredService<IOptions<KinesisClientOptions>>().Value,
            ownsHttp: false));
        return builder;
    }
}
