namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>
/// Where each node keeps its metric datapoints (the host puts them in the storage layer, shared by the cluster): this
/// node's document survives its restarts, and the other nodes' documents make the queries cluster-wide.
/// </summary>
public interface IMetricArchive
{
    /// <summary>This node's archived document, or null when there is none yet.</summary>
    Task<byte[]?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces this node's archived document.</summary>
    Task SaveAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken);

    /// <summary>The archived documents of every other node that shares the store, by node name.</summary>
    Task<IReadOnlyList<KeyValuePair<string, byte[]>>> LoadOtherNodesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes another node's document once it holds nothing within the retention window.</summary>
    Task DeleteOtherNodeAsync(string node, CancellationToken cancellationToken);
}
