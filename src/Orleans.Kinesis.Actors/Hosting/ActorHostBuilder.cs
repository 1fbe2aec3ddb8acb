using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Core;

namespace Orleans.Kinesis.Actors.Hosting;

internal sealed class ActorHostBuilder(IServiceCollection services) : IActorHostBuilder
{
    public IServiceCollection Services { get; } = services;

    public IActorHostBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        if (!typeof(TGrainInterface).IsInterface)
        {
            throw new ArgumentException($"{typeof(TGrainInterface)} must be an interface.", nameof(TGrainInterface));
        }

        Services.AddSingleton(new GrainRegistration(typeof(TGrainInterface), typeof(TGrain)));
        return this;
    }
}
