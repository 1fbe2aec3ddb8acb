using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Actors;
using Orleans.Kinesis.Actors.Core;

namespace Orleans.Kinesis.Actors.Hosting;

/// <summary>Registers grain classes with the actor host.</summary>
public interface IActorHostBuilder
{
    IServiceCollection Services { get; }

    IActorHostBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface;
}
