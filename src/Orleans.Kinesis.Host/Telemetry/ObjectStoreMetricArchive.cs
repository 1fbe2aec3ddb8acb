using Orleans.Kinesis.Gateway.CloudWatch;
using Orleans.Kinesis.Storage.Objects;

namespace Orleans.Kinesis.Host.Telemetry;

/// <summary>
/// Keeps this node's metric datapoints as one object per node in the storage layer's object store (a folder under
/// the data directory, or an Azure Blob container): <c>orleans-kinesis-metrics/nodes/&lt;machine&gt;.json</c>.
/// </summary>
public sealed class ObjectStoreMetricArchive : IMetricArchive
{
    public const string Container = "orleans-kinesis-metrics";

    private readonly IObjectStore _objects;
    private readonly string _name = "nodes/" + Environment.MachineName.ToLowerInvariant() + ".json";
    private bool _ensured;

    public ObjectStoreMetricArchive(IObjectStore objects) => _objects = objects;

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
}
