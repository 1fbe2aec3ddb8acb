using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Gateway.Health;
using Orleans.Runtime;

namespace Orleans.Kinesis.Host.Telemetry;

/// <summary>
/// Ready while this process's Orleans silo is <see cref="SiloStatus.Active"/> in the cluster's membership (not yet
/// joined, shutting down or declared dead: not ready). The membership services are resolved at the first probe.
/// </summary>
public sealed class SiloReadinessCheck : IReadinessCheck
{
    private readonly IServiceProvider _services;

    public SiloReadinessCheck(IServiceProvider services) => _services = services;

    public string Name => "silo";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        var membership = _services.GetRequiredService<IClusterMembershipService>();
        var self = _services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        return Task.FromResult(membership.CurrentSnapshot.GetSiloStatus(self) == SiloStatus.Active);
    }
}
