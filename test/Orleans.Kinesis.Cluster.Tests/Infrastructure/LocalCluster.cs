using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Cluster.Tests.Infrastructure;

/// <summary>
/// Real Host processes forming one cluster on loopback: one Azurite serving blobs and tables, every node on free ports
/// with <c>--storage blob --clustering azure-table</c> and its own cluster id, so clusters of different tests never meet.
/// A node can be killed, stopped gracefully and started again (on new ports, as a replaced container would be).
/// </summary>
public sealed partial class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly AzuriteProcess _azurite;
    private readonly TempDataDirectory _data = new("cluster");
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly ServerProcess?[] _nodes;
    private readonly Dictionary<Uri, KinesisHttp> _clients = [];
    private readonly HttpClient _scraper = new() { Timeout = TimeSpan.FromSeconds(30) };

    private LocalCluster(AzuriteProcess azurite, int size)
    {
        _azurite = azurite;
        _nodes = new ServerProcess?[size];
    }

    public string ConnectionString => _azurite.ConnectionString;

    public int Size => _nodes.Length;

    /// <summary>Starts Azurite and <paramref name="size"/> nodes (concurrently); returns once every node listens.</summary>
    public static async Task<LocalCluster> StartAsync(int size)
    {
        var cluster = new LocalCluster(await AzuriteProcess.StartNewAsync(inMemory: true, withTables: true), size);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, size).Select(cluster.StartNodeAsync));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public ServerProcess Node(int index) => _nodes[index] ?? throw new InvalidOperationException($"node {index} is not running");

    /// <summary>A client of node <paramref name="index"/> (HTTP/1.1).</summary>
    public KinesisHttp Http(int index) => Http(Node(index).Endpoint);

    public KinesisHttp Http(Uri endpoint)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(endpoint, out var client))
            {
                client = new KinesisHttp(endpoint, new Version(1, 1));
                _clients[endpoint] = client;
            }

            return client;
        }
    }

    /// <summary>Starts node <paramref name="index"/> (again) on fresh ports; it joins the cluster before it listens.</summary>
    public async Task StartNodeAsync(int index)
    {
        var data = Path.Combine(_data.Path, "node" + index.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(data);
        _nodes[index] = await ServerProcess.StartAsync(
            data,
            ReadyTimeout,
            ["--storage", "blob", "--clustering", "azure-table", "--cluster-id", _clusterId],
            new Dictionary<string, string?> { ["OrleansKinesis__BlobConnectionString"] = _azurite.ConnectionString });
    }

    /// <summary>SIGKILL: the node vanishes without a word to the cluster.</summary>
    public async Task KillNodeAsync(int index)
    {
        var node = Node(index);
        _nodes[index] = null;
        node.Kill();
        await node.DisposeAsync();
    }

    /// <summary>SIGINT: the node leaves the cluster gracefully, handing its grains over.</summary>
    public async Task StopNodeAsync(int index)
    {
        var node = Node(index);
        _nodes[index] = null;
        var exit = await node.StopGracefullyAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"node {index} exited with {exit} on SIGINT\n{node.Output()}");
        await node.DisposeAsync();
    }

    /// <summary>How many activations of <paramref name="grainType"/> each running node holds (its Orleans metric on /metrics).</summary>
    public async Task<int[]> ActivationsAsync(string grainType)
    {
        var counts = new int[Size];
        for (var i = 0; i < Size; i++)
        {
            if (_nodes[i] is not { } node)
            {
                continue;
            }

            var text = await _scraper.GetStringAsync(new Uri(node.Endpoint, "metrics"));
            foreach (Match match in GrainGauge().Matches(text))
            {
                if (match.Groups[1].Value == grainType)
                {
                    counts[i] = (int)double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return counts;
    }

    /// <summary>The output of every running node, for failure messages.</summary>
    public string Output() => string.Join('\n', _nodes.Select((node, i) => node is null ? $"node {i}: not running" : $"node {i}:\n{node.Output()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _scraper.Dispose();
        foreach (var node in _nodes)
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        await _azurite.DisposeAsync();
        _data.Dispose();
    }

    [GeneratedRegex("""^orleans_grains\{[^}]*grain_type="([^"]+)"[^}]*\} (\S+)""", RegexOptions.Multiline)]
    private static partial Regex GrainGauge();
}
