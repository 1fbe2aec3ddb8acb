using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;

namespace Orleans.Kinesis.Client.Hosting;

/// <summary>Runs a <see cref="StreamProcessor"/> with <typeparamref name="TProcessor"/> per shard in the generic host.</summary>
public static class KinesisProcessorServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted <see cref="StreamProcessor"/>. Needs a <see cref="KinesisClient"/> (see
    /// <c>AddKinesisClient</c>); uses the registered <see cref="ILeaseStore"/>, else an in-memory one.
    /// </summary>
    public static IServiceCollection AddKinesisProcessor<TProcessor>(this IServiceCollection services, Action<StreamProcessorOptions> configure)
        where TProcessor : class, IRecordProcessor
    {
        var options = new StreamProcessorOptions();
        configure(options);
        services.TryAddSingleton<ILeaseStore, InMemoryLeaseStore>();
        services.AddHostedService(sp => new StreamProcessor(
            sp.GetRequiredService<KinesisClient>(),
            sp.GetRequiredService<ILeaseStore>(),
            () => ActivatorUtilities.CreateInstance<TProcessor>(sp),
            options,
            sp.GetService<ILogger<StreamProcessor>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
