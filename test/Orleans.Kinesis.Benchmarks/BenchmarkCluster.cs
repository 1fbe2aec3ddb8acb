using System.Diagnostics;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// <c>--nodes n</c>: n Orleans hosts on loopback forming one cluster (blob storage and table membership on one
/// Azurite); the phases spread their connections over the nodes.
/// </summary>
internal sealed class BenchmarkCluster : IAsyncDisposable
{
    private readonly Process _azurite;
    private readonly string _location;
    private readonly List<ServerProcess> _nodes = [];

    private BenchmarkCluster(Process azurite, string location)
    {
        _azurite = azurite;
        _location = location;
    }

    public IReadOnlyList<Uri> Endpoints => [.. _nodes.Select(node => node.Endpoint)];

    public static async Task<BenchmarkCluster> StartAsync(int nodes, BenchmarkOptions options, RepositoryPaths paths, CancellationToken cancellationToken)
    {
        var location = Directory.CreateTempSubdirectory("orleans-kinesis-bench-cluster-").FullName;
        var blobPort = ServerLauncher.FreeLoopbackPort();
        var tablePort = ServerLauncher.FreeLoopbackPort();
        var azurite = await ServerLauncher.StartAzuriteAsync(paths, blobPort, location, cancellationToken, tablePort);
        var cluster = new BenchmarkCluster(azurite, location);
        try
        {
            var connectionString = ServerLauncher.AzuriteConnectionString(blobPort, tablePort);
            var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
            for (var i = 0; i < nodes; i++)
            {
                // One after the other: the first node creates the tables, and the Host is built only once.
                cluster._nodes.Add(await ServerLauncher.StartClusterNodeAsync(options, paths, connectionString, clusterId, cancellationToken));
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _azurite.Kill(entireProcessTree: true);
        await _azurite.WaitForExitAsync();
        _azurite.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
