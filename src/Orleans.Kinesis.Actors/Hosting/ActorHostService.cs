using Microsoft.Extensions.Hosting;
using Orleans.Kinesis.Actors.Runtime;

namespace Orleans.Kinesis.Actors.Hosting;

/// <summary>Deactivates every activation on graceful shutdown so grains can flush.</summary>
internal sealed class ActorHostService(ActivationCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => catalog.ShutdownAsync(cancellationToken);
}
