using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Grains.Firehose;
using Orleans.Kinesis.Grains.Serialization;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Orleans.Kinesis.Grains.Hosting;

/// <summary>
/// Adds what the Kinesis grains need on a silo (the grain classes themselves are found by Orleans in this
/// assembly): the JSON form of their state, the record cipher they share with the gateway, and the Firehose delivery
/// services. The silo also needs the grain storage provider, an <c>IRecordLogStore</c> (Storage) and a reminder
/// service (delivery streams keep a reminder).
/// </summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>Orleans' own clocks (messaging, membership, system timers) stay on real time whatever clock the grains get.</summary>
    private static readonly string[] SystemClocks =
        [TimeProviderNames.Messaging, TimeProviderNames.Membership, TimeProviderNames.SystemTimers, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory,
            ReminderTimeProviderNames.Reminders];

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
        return builder;
    }

    /// <summary>Registers an in-process Firehose transform, used by Lambda processors whose ARN names <paramref name="functionName"/>.</summary>
    public static IServiceCollection AddFirehoseTransform(this IServiceCollection services, string functionName, IFirehoseTransform transform)
        => services.AddSingleton(new FirehoseTransformRegistration(functionName, transform));
}
