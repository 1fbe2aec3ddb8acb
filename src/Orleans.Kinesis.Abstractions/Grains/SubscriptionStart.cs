using System.Globalization;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>
/// Where one SubscribeToShard subscription starts: the stream incarnation and shard, the consumer, the first
/// ordinal to deliver and the lease that <see cref="ISubscriptionLeaseGrain.AcquireAsync"/> granted.
/// </summary>
[GenerateSerializer, Immutable, Alias("kinesis.SubscriptionStart")]
public sealed record SubscriptionStart(string StreamName, long StreamCreatedMs, int ShardIndex, string ConsumerArn, long StartOrdinal, long Lease)
{
    public string ShardKey => StreamStorage.ShardKey(StreamName, StreamCreatedMs, ShardIndex);

    public string LeaseKey => LeaseKeyOf(ConsumerArn, ShardIndex);

    /// <summary>The key of the <see cref="ISubscriptionLeaseGrain"/> of a consumer and shard.</summary>
    public static string LeaseKeyOf(string consumerArn, int shardIndex)
        => string.Create(CultureInfo.InvariantCulture, $"{consumerArn}|{shardIndex}");
}
