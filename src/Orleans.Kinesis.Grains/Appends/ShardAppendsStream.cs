using Orleans.Runtime;

namespace Orleans.Kinesis.Grains.Appends;

/// <summary>
/// The Orleans stream of a shard's "records appended" notices: provider <see cref="ProviderName"/> (memory streams,
/// registered by <c>AddKinesisGrains</c>), namespace <see cref="Namespace"/>, key the shard key.
/// </summary>
public static class ShardAppendsStream
{
    public const string ProviderName = "shard-appends";
    public const string Namespace = "shard-appends";

    /// <summary>The stream of the shard with the key <paramref name="shardKey"/>.</summary>
    public static StreamId Of(string shardKey) => StreamId.Create(Namespace, shardKey);
}
