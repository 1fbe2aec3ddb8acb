namespace Orleans.Kinesis.Gateway.CloudWatch;

/// <summary>Where this node keeps its metric datapoints across restarts (the host puts them in the storage layer).</summary>
public interface IMetricArchive
{
    /// <summary>The archived document, or null when there is none yet.</summary>
    Task<byte[]?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the archived document.</summary>
    Task SaveAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken);
}
