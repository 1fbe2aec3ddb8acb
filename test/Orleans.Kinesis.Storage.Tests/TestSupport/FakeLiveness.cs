using Orleans.Kinesis.Storage.Logs.Fencing;

namespace Orleans.Kinesis.Storage.Tests.TestSupport;

/// <summary>An owner id, and the owners this "node" knows to be dead (what cluster membership would supply).</summary>
internal sealed class FakeLiveness(string ownerId, params string[] deadOwners) : ILogOwnerLiveness
{
    public string OwnerId { get; } = ownerId;

    public ValueTask<bool> IsKnownDeadAsync(string ownerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(deadOwners.Contains(ownerId));
}
