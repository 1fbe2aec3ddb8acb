using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Diagnostics;
using Orleans.Kinesis.Actors.Invocation;
using Orleans.Kinesis.Actors.Runtime;
using Orleans.Kinesis.Actors.Streams;

namespace Orleans.Kinesis.Actors.Hosting;

public static class ActorHostServiceCollectionExtensions
{
    /// <summary>
    /// Adds the in-process actor host: <see cref="IGrainFactory"/>, <see cref="IStreamProvider"/>, a
    /// <see cref="TimeProvider"/> (System unless one is registered) and a hosted service that deactivates
    /// all activations on shutdown. The application registers <c>IGrainStorage</c>.
    /// </summary>
    public static IActorHostBuilder AddActorHost(this IServiceCollection services, Action<ActorHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ActorHostOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        // Resolvers the application added (source-generated) come first; reflection is the last fallback.
        services.PostConfigure<ActorHostOptions>(static options =>
        {
            if (JsonSerializer.IsReflectionEnabledByDefault && !options.SerializerOptions.IsReadOnly)
            {
                options.SerializerOptions.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
            }
        });

        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActorInstruments>();
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<ActivationCatalog>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
        services.TryAddSingleton<IStreamProvider, InProcessStreamProvider>();
        services.AddHostedService<ActorHostService>();
        return new ActorHostBuilder(services);
    }
}
