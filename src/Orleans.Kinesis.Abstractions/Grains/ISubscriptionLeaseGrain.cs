using Orleans.Concurrency;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Who may subscribe to one shard as one consumer (key: <see cref="SubscriptionStart.LeaseKeyOf"/>). Applies SubscribeToShard's rules: a call
/// within 5 s of a successful one gets ResourceInUseException; a later one takes over (the current subscription ends
/// with ResourceInUseException); at most one call per second.
/// </summary>
[Alias("kinesis.ISubscriptionLeaseGrain")]
public interface ISubscriptionLeaseGrain : IGrainWithStringKey
{
    /// <summary>Grants a new lease (a number larger than every earlier one) or throws RIU / LE.</summary>
    Task<long> AcquireAsync(string consumerArn, string shardId);

    /// <summary>The subscription holding <paramref name="lease"/> ended; a later one is free to start at once.</summary>
    Task ReleaseAsync(long lease);

    /// <summary>Whether <paramref name="lease"/> is still the newest one (no later subscription took over).</summary>
    [AlwaysInterleave]
    Task<bool> IsCurrentAsync(long lease);
}
