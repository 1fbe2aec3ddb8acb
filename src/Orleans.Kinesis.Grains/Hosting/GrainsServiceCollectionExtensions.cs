using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Actors.Hosting;
using Orleans.Kinesis.Grains.Account;
using Orleans.Kinesis.Grains.Directory;
using Orleans.Kinesis.Grains.FanOut;
using Orleans.Kinesis.Grains.Firehose;
using Orleans.Kinesis.Grains.Serialization;
using Orleans.Kinesis.Grains.Shards;
using Orleans.Kinesis.Grains.Streams;

namespace Orleans.Kinesis.Grains.Hosting;

/// <summary>Registers the Kinesis grains with the actor host.</summary>
public static class GrainsServiceCollectionExtensions
{
    public static IActorHostBuilder AddKinesisGrains(this IActorHostBuilder builder)
    {
        builder.Services.Configure<ActorHostOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Add(GrainsJsonContext.Default));
        return builder
            .AddGrain<IStreamGrain, StreamGrain>()
            .AddGrain<IShardGrain, ShardGrain>()
            .AddGrain<IStreamDirectoryGrain, StreamDirectoryGrain>()
            .AddGrain<IResourcePolicyGrain, ResourcePolicyGrain>()
            .AddGrain<IAccountSettingsGrain, AccountSettingsGrain>()
            .AddGrain<IFanOutWorkerGrain, FanOutWorkerGrain>()
            .AddGrain<ISubscriptionLeaseGrain, SubscriptionLeaseGrain>()
            .AddFirehoseGrains();
    }

    /// <summary>Registers an in-process Firehose transform, used by Lambda processors whose ARN names <paramref name="functionName"/>.</summary>
    public static IServiceCollection AddFirehoseTransform(this IServiceCollection services, string functionName, IFirehoseTransform transform)
        => services.AddSingleton(new FirehoseTransformRegistration(functionName, transform));

    private static IActorHostBuilder AddFirehoseGrains(this IActorHostBuilder builder)
    {
        builder.Services.AddOptions<FirehoseOptions>();
        builder.Services.TryAddSingleton<TransformHttpClient>();
        builder.Services.TryAddSingleton<DeliveryInstruments>();
        builder.Services.TryAddSingleton<S3Delivery>();
        builder.Services.AddHostedService<DeliveryPump>();
        return builder
            .AddGrain<IDeliveryStreamGrain, DeliveryStreamGrain>()
            .AddGrain<IDeliveryStreamDirectoryGrain, DeliveryStreamDirectoryGrain>()
            .AddGrain<ITransformWorkerGrain, TransformWorkerGrain>();
    }
}
