using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Grains.Appends;
using Orleans.Kinesis.Grains.Firehose;
using Orleans.Kinesis.Grains.Serialization;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Orleans.Kinesis.Grains.Hosting;

/// <summary>
/// Adds what the Kinesis grains need on a silo (the grain classes themselves are found by Orleans in this
/// assembly): the JSON form of their state, the record cipher they share with the gateway, the Firehose delivery
/// services and the memory streams provider that carries the shards' "records appended" notices. The silo also
/// needs the grain storage provider, an <c>IRecordLogStore</c> (Storage) and a reminder service (delivery streams
/// keep a reminder).
/// </summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>Orleans' own clocks (messaging, membership, system timers) stay on real time whatever clock the grains get.</summary>
    private static readonly string[] SystemClocks =
        [TimeProviderNames.Messaging, TimeProviderNames.Membership, TimeProviderNames.SystemTimers, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory,
            ReminderTimeProviderNames.Reminders, StreamingTimeProviderNames.Streaming];

    /// <summary>
    /// Adds the grains' services. Grains and their timers use the registered <see cref="TimeProvider"/> (a test may
    /// register its own clock); Orleans' internal clocks stay on the system clock.
    /// </summary>
    public static ISiloBuilder AddKinesisGrains(this ISiloBuilder builder)
    {
        var services = builder.Services;
        foreach (var name in SystemClocks)
        {
            services.TryAddKeyedSingleton(name, TimeProvider.System);
        }

        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(static json =>
        {
            // Web conventions (camelCase); source-generated metadata of the state documents first, reflection last.
            var options = json.JsonSerializerOptions;
            options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.PropertyNameCaseInsensitive = true;
            options.TypeInfoResolverChain.Insert(0, GrainsJsonContext.Default);
            options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RecordCipher>();
        services.TryAddSingleton<RecordDecryptor>();
        services.AddOptions<FirehoseOptions>();
        services.TryAddSingleton<TransformHttpClient>();
        services.TryAddSingleton<DeliveryInstruments>();
        services.TryAddSingleton<S3Delivery>();
        builder.AddStartupTask<DeliveryResumption>(ServiceLifecycleStage.Active + 1);
        return builder.AddShardAppendStreams();
    }

    /// <summary>
    /// The memory streams provider of the shards' notices (<see cref="ShardAppendsStream"/>). Its queues are grains
    /// spread over the cluster, each read by a pulling agent on one node, so a notice reaches its subscriber on any
    /// node. Subscriptions are implicit only (<see cref="ShardAppendsGrain"/>): no pub-sub grain and no "PubSubStore"
    /// to share between nodes, and nothing to re-subscribe after a node leaves. Agents poll their queue every 10 ms
    /// (the default is 100 ms), which bounds what the notices add to SubscribeToShard latency. The agents poll on
    /// grain timers, so they follow the grains' clock: a test that stops that clock stops the notices.
    /// </summary>
    private static ISiloBuilder AddShardAppendStreams(this ISiloBuilder builder)
    {
        builder.AddMemoryStreams(ShardAppendsStream.ProviderName, static streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(static agent => agent.Configure(static options => options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10)));
        });
        return builder;
    }

    /// <summary>Registers an in-process Firehose transform, used by Lambda processors whose ARN names <paramref name="functionName"/>.</summary>
    public static IServiceCollection AddFirehoseTransform(this IServiceCollection services, string functionName, IFirehoseTransform transform)
        => services.AddSingleton(new FirehoseTransformRegistration(functionName, transform));
}
