using Microsoft.Extensions.Options;
using Orleans.Kinesis.Gateway.CloudWatch;
using Orleans.Kinesis.Storage.Objects;

namespace Orleans.Kinesis.Host.Telemetry;

/// <summary>
/// Keeps each node's metric datapoints as one object in the storage layer's object store (a folder under the data
/// directory, or the Azure Blob container every node of a cluster shares):
/// <c>orleans-kinesis-metrics/nodes/&lt;node&gt;.json</c>, the node being <see cref="MetricsOptions.NodeName"/>.
/// </summary>
public sealed class ObjectStoreMetricArchive : IMetricArchive
{
    public const string Container = "orleans-kinesis-metrics";
    public const string Prefix = "nodes/";

    private readonly IObjectStore _objects;
    private readonly string _name;
    private bool _ensured;

    public ObjectStoreMetricArchive(IObjectStore objects, IOptions<MetricsOptions> options)
    {
        _objects = objects;
        _name = Prefix + options.Value.NodeName + ".json";
    }

    public Task<byte[]?> LoadAsync(CancellationToken cancellationToken) => _objects.GetAsync(Container, _name, cancellationToken);

    public async Task SaveAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken)
    {
        if (!_ensured)
        {
            await _objects.EnsureContainerAsync(Container, cancellationToken);
            _ensured = true;
        }

        await _objects.PutAsync(Container, _name, document, cancellationToken);
    }

    public async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> LoadOtherNodesAsync(CancellationToken cancellationToken)
    {
        var documents = new List<KeyValuePair<string, byte[]>>();
        await foreach (var name in _objects.ListAsync(Container, Prefix, cancellationToken))
        {
            if (name != _name && await _objects.GetAsync(Container, name, cancellationToken) is { } document)
            {
                documents.Add(new(name, document));
            }
        }

        return documents;
    }

    public Task DeleteOtherNodeAsync(string node, CancellationToken cancellationToken)
        => node == _name ? Task.CompletedTask : _objects.DeleteAsync(Container, node, cancellationToken);
}
