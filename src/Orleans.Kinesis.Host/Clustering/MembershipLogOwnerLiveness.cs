using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Storage.Logs.Fencing;
using Orleans.Runtime;

namespace Orleans.Kinesis.Host.Clustering;

/// <summary>
/// Shard-log lease owners named by their silo address (<c>ip:port@generation</c>): an owner is known dead once cluster
/// membership declares it Dead, or a newer generation of the same endpoint has joined. A new activation then breaks the
/// dead silo's lease at once, so failover waits for membership (probe timeouts) instead of the 30 s lease. Owners this
/// process cannot place (another cluster, entries already cleaned up) are not known dead: their lease expires. Ids of
/// the single-node form (<c>machine/pid/start</c>) are answered by <see cref="LocalProcessLiveness"/>.
/// </summary>
internal sealed class MembershipLogOwnerLiveness(IServiceProvider services) : ILogOwnerLiveness
{
    private readonly LocalProcessLiveness _local = new();

    // Resolved on first use: the silo's services are complete only once the host is built.
    public string OwnerId => services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    public ValueTask<bool> IsKnownDeadAsync(string ownerId, CancellationToken cancellationToken)
    {
        if (ownerId.Contains('/', StringComparison.Ordinal) || !ownerId.Contains('@', StringComparison.Ordinal))
        {
            return _local.IsKnownDeadAsync(ownerId, cancellationToken);
        }

        SiloAddress owner;
        try
        {
            owner = SiloAddress.FromParsableString(ownerId);
        }
        catch (FormatException)
        {
            return ValueTask.FromResult(false);
        }

        var snapshot = services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
        foreach (var (address, member) in snapshot.Members)
        {
            if (address.Equals(owner))
            {
                return ValueTask.FromResult(member.Status == SiloStatus.Dead);
            }

            if (address.Endpoint.Equals(owner.Endpoint) && address.Generation > owner.Generation)
            {
                return ValueTask.FromResult(true); // the same endpoint restarted: the older process is gone
            }
        }

        return ValueTask.FromResult(false);
    }
}
