using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Actors.Hosting;
using Orleans.Kinesis.Grains.Account;
using Orleans.Kinesis.Grains.Directory;
using Orleans.Kinesis.Grains.FanOut;
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
            .AddGrain<ISubscriptionLeaseGrain, SubscriptionLeaseGrain>();
    }
}
