using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>
/// Which storage the shared server fixtures use: memory by default, or Azure Blob on a fresh Azurite when
/// <c>ORLEANS_KINESIS_TEST_STORAGE=blob</c> (test.sh runs the Host tests a second time that way).
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    private AzuriteProcess? _azurite;
    private string? _dataDirectory;

    public static bool IsBlob => string.Equals(Environment.GetEnvironmentVariable("ORLEANS_KINESIS_TEST_STORAGE"), "blob", StringComparison.OrdinalIgnoreCase);

    /// <summary>Points <paramref name="options"/> at the chosen storage, starting Azurite if needed.</summary>
    public async Task ApplyAsync(KinesisHostOptions options)
    {
        if (!IsBlob)
        {
            options.InMemory = true;
            return;
        }

        _azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        _dataDirectory = Path.Combine(Path.GetTempPath(), "okblob-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory); // empty, and checked to be so at the end
        options.Storage = "blob";
        options.BlobConnectionString = _azurite.ConnectionString;
        options.DataDirectory = _dataDirectory;
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            // Blob mode keeps everything, keys included, in the storage account: nothing may land on the local disk.
            var leftovers = Directory.EnumerateFileSystemEntries(_dataDirectory, "*", SearchOption.AllDirectories).ToList();
            Directory.Delete(_dataDirectory, recursive: true);
            if (leftovers.Count > 0)
            {
                throw new InvalidOperationException("Blob storage left files in the local data folder: " + string.Join(", ", leftovers));
            }
        }
    }
}
