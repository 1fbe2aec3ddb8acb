using Orleans.Kinesis.Grains.Appends;

namespace Orleans.Kinesis.Grains.Tests.Appends;

/// <summary>A test subscriber of the shards' notices (key: the shard key).</summary>
[Alias("kinesis.tests.INoticeRecorderGrain")]
public interface INoticeRecorderGrain : IGrainWithStringKey
{
    /// <summary>The notices received so far, once there are at least <paramref name="count"/> (fails after 20 s).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ShardAppended[]> WaitForAsync(int count);
}
