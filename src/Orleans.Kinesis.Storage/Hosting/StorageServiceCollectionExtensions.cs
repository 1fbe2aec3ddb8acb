using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Blobs;
using Orleans.Kinesis.Storage.Logs.Fencing;
using Orleans.Kinesis.Storage.Logs.Files;
using Orleans.Kinesis.Storage.Logs.Memory;
using Orleans.Kinesis.Storage.Objects;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.Hosting;

/// <summary>
/// Registers a storage provider: singletons of <see cref="IRecordLogStore"/> and <see cref="IObjectStore"/>. Grain state
/// is registered on the silo (<see cref="GrainStorageSiloBuilderExtensions"/>).
/// </summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Shard logs and objects in files under <see cref="FileStorageOptions.DataDirectory"/>.</summary>
    public static IServiceCollection AddFileStorage(this IServiceCollection services, Action<FileStorageOptions> configure)
    {
        services.AddOptions<FileStorageOptions>().Configure(configure);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHotTailBudget();
        services.AddSingleton<IRecordLogStore, FileRecordLogStore>();
        services.TryAddSingleton<IObjectStore, FileObjectStore>();
        return services;
    }

    /// <summary>
    /// Shard logs and objects in Azure Blob Storage (or Azurite): Shared Key from
    /// <see cref="BlobStorageOptions.ConnectionString"/>, else a token for <see cref="BlobStorageOptions.Endpoint"/>
    /// from <see cref="BlobStorageOptions.Credential"/> or DefaultAzureCredential (managed identity in Azure).
    /// </summary>
    public static IServiceCollection AddBlobStorage(this IServiceCollection services, Action<BlobStorageOptions> configure)
    {
        services.AddOptions<BlobStorageOptions>().Configure(configure);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => BlobServiceClients.Create(provider.GetRequiredService<IOptions<BlobStorageOptions>>().Value));
        services.AddSingleton(provider => new BlobContainer(provider.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(provider.GetRequiredService<IOptions<BlobStorageOptions>>().Value.Container)));
        services.TryAddSingleton<ILogOwnerLiveness, LocalProcessLiveness>();
        services.AddHotTailBudget();
        services.AddSingleton<IRecordLogStore, BlobRecordLogStore>();
        services.TryAddSingleton<IObjectStore, BlobObjectStore>();
        return services;
    }

    /// <summary>The one hot-tail memory budget of the process, sized by <see cref="HotTailOptions"/>.</summary>
    private static void AddHotTailBudget(this IServiceCollection services)
    {
        services.AddOptions<HotTailOptions>();
        services.TryAddSingleton(provider =>
            new HotTailBudget(provider.GetRequiredService<IOptions<HotTailOptions>>().Value.BudgetBytes ?? HotTailBudget.DefaultCapacityBytes));
    }

    /// <summary>Shard logs and objects in process memory (lost when the process ends).</summary>
    public static IServiceCollection AddMemoryStorage(this IServiceCollection services)
    {
        services.AddSingleton<IRecordLogStore, MemoryRecordLogStore>();
        services.TryAddSingleton<IObjectStore, MemoryObjectStore>();
        return services;
    }
}
