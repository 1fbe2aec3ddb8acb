using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Options;
using Orleans.Kinesis.Storage.State;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Kinesis.Storage.Hosting;

/// <summary>
/// Registers the grain storage provider named <see cref="ProviderName"/>, which every Kinesis grain's
/// <c>[PersistentState]</c> names, on one of three backends. State is JSON (the
/// <see cref="SystemTextJsonGrainStorageSerializerOptions"/> the grains configure), so stored documents stay readable.
/// </summary>
public static class GrainStorageSiloBuilderExtensions
{
    public const string ProviderName = "kinesis";

    /// <summary>Grain state in files under <see cref="FileStorageOptions.DataDirectory"/><c>/state</c> (atomic replace and fsync).</summary>
    public static ISiloBuilder AddKinesisFileGrainStorage(this ISiloBuilder builder)
    {
        builder.Services.AddKeyedSingleton<IGrainStorage>(ProviderName, static (provider, _) => new DocumentGrainStorage(
            new FileStateStore(provider.GetRequiredService<IOptions<FileStorageOptions>>(), provider.GetRequiredService<ILogger<FileStateStore>>()),
            JsonSerializer(provider)));
        return builder;
    }

    /// <summary>Grain state in process memory (lost when the process ends).</summary>
    public static ISiloBuilder AddKinesisMemoryGrainStorage(this ISiloBuilder builder)
    {
        builder.Services.AddKeyedSingleton<IGrainStorage>(ProviderName, static (provider, _) => new DocumentGrainStorage(new MemoryStateStore(), JsonSerializer(provider)));
        return builder;
    }

    /// <summary>
    /// Grain state as JSON blobs in the <see cref="BlobStorageOptions.Container"/> container, through Orleans' Azure Blob
    /// provider: Shared Key from <see cref="BlobStorageOptions.ConnectionString"/>, else a token for
    /// <see cref="BlobStorageOptions.Endpoint"/> from <see cref="BlobStorageOptions.Credential"/> or DefaultAzureCredential.
    /// </summary>
    public static ISiloBuilder AddKinesisBlobGrainStorage(this ISiloBuilder builder)
    {
        builder.AddAzureBlobGrainStorage(ProviderName, (OptionsBuilder<AzureBlobStorageOptions> options) => options.Configure<IOptions<BlobStorageOptions>, IServiceProvider>(static (target, source, provider) =>
        {
            var blob = source.Value;
            target.ContainerName = blob.Container;
            target.GrainStorageSerializer = JsonSerializer(provider);
            target.BlobServiceClient = provider.GetService<BlobServiceClient>() ?? BlobServiceClients.Create(blob);
        }));
        return builder;
    }

    private static SystemTextJsonGrainStorageSerializer JsonSerializer(IServiceProvider provider)
        => new(provider.GetRequiredService<IOptions<SystemTextJsonGrainStorageSerializerOptions>>());
}
