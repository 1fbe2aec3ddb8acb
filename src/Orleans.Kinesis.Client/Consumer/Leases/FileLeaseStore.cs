using System.Text.Json;

namespace Orleans.Kinesis.Client.Consumer.Leases;

/// <summary>
/// Leases as JSON files in a directory (one per shard), shared by workers in one or several processes on a host.
/// Each conditional write holds an exclusive lock file, re-reads the counter, then writes a temporary file and
/// renames it over the lease.
/// </summary>
public sealed class FileLeaseStore : ILeaseStore
{
    private const string Suffix = ".lease.json";
    private readonly string _directory;

    public FileLeaseStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public async Task<IReadOnlyList<Lease>> ListAsync(CancellationToken cancellationToken)
    {
        var leases = new List<Lease>();
        foreach (var file in Directory.EnumerateFiles(_directory, "*" + Suffix).Order(StringComparer.Ordinal))
        {
            if (await ReadAsync(file, cancellationToken).ConfigureAwait(false) is { } lease)
            {
                leases.Add(lease);
            }
        }

        return leases;
    }

    public Task<Lease?> GetAsync(string leaseKey, CancellationToken cancellationToken) => ReadAsync(PathOf(leaseKey), cancellationToken);

    public async Task<bool> CreateIfNotExistsAsync(Lease lease, CancellationToken cancellationToken)
    {
        using var gate = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (File.Exists(PathOf(lease.LeaseKey)))
        {
            return false;
        }

        await WriteAsync(lease, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> UpdateAsync(Lease lease, long expectedCounter, CancellationToken cancellationToken)
    {
        using var gate = await LockAsync(cancellationToken).ConfigureAwait(false);
        var current = await ReadAsync(PathOf(lease.LeaseKey), cancellationToken).ConfigureAwait(false);
        if (current is null || current.LeaseCounter != expectedCounter)
        {
            return false;
        }

        await WriteAsync(lease, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private string PathOf(string leaseKey)
    {
        if (leaseKey.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || leaseKey.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{leaseKey}' cannot name a lease file.", nameof(leaseKey));
        }

        return Path.Combine(_directory, leaseKey + Suffix);
    }

    private async Task WriteAsync(Lease lease, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(_directory, "." + lease.LeaseKey + "." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(lease, LeaseJsonContext.Default.Lease), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, PathOf(lease.LeaseKey), overwrite: true);
    }

    private static async Task<Lease?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(bytes, LeaseJsonContext.Default.Lease);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The store-wide lock file, opened exclusively (an advisory lock across processes), retried while held.</summary>
    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_directory, ".lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (attempt < 2000)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1 + (attempt % 5)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
