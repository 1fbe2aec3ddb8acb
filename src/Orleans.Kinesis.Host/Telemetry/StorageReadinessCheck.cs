using Orleans.Kinesis.Gateway.Health;
using Orleans.Kinesis.Storage.Objects;

namespace Orleans.Kinesis.Host.Telemetry;

/// <summary>Ready when the storage layer answers: a read of a probe object (absent or not) completes without error.</summary>
public sealed class StorageReadinessCheck : IReadinessCheck
{
    private readonly IObjectStore _objects;

    public StorageReadinessCheck(IObjectStore objects) => _objects = objects;

    public string Name => "storage";

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await _objects.GetAsync(ObjectStoreMetricArchive.Container, "readiness-probe", cancellationToken);
        return true;
    }
}
