using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Tests.Records;

/// <summary>A stream grain that only serves a snapshot the test sets.</summary>
internal sealed class FakeStreamGrain : IStreamGrain
{
    public StreamSnapshot? Snapshot { get; set; }

    public int SnapshotCalls { get; private set; }

    public Task<StreamSnapshot?> GetSettledSnapshotAsync() => GetSnapshotAsync();

    public Task<StreamSnapshot?> GetSnapshotAsync()
    {
        SnapshotCalls++;
        return Task.FromResult(Snapshot);
    }

    public Task CreateAsync(CreateStreamCommand command) => throw new NotSupportedException();

    public Task DeleteAsync(bool enforceConsumerDeletion) => throw new NotSupportedException();

    public Task AddTagsAsync(IReadOnlyDictionary<string, string> tags) => throw new NotSupportedException();

    public Task RemoveTagsAsync(IReadOnlyList<string> tagKeys) => throw new NotSupportedException();

    public Task SetRetentionPeriodAsync(int hours, bool increase) => throw new NotSupportedException();

    public Task SetMaxRecordSizeAsync(int kib) => throw new NotSupportedException();

    public Task UpdateStreamModeAsync(StreamMode mode) => throw new NotSupportedException();

    public Task<MetricsChange> ChangeShardLevelMetricsAsync(IReadOnlyList<string> metrics, bool enable) => throw new NotSupportedException();

    public Task<ConsumerSnapshot> RegisterConsumerAsync(string consumerName, IReadOnlyDictionary<string, string>? tags) => throw new NotSupportedException();

    public Task DeregisterConsumerAsync(string consumerName, string? consumerArn) => throw new NotSupportedException();

    public Task AddConsumerTagsAsync(string consumerArn, IReadOnlyDictionary<string, string> tags) => throw new NotSupportedException();

    public Task RemoveConsumerTagsAsync(string consumerArn, IReadOnlyList<string> tagKeys) => throw new NotSupportedException();

    public Task SplitShardAsync(int shardIndex, UInt128 newStartingHashKey) => throw new NotSupportedException();

    public Task MergeShardsAsync(int shardIndex, int adjacentShardIndex) => throw new NotSupportedException();

    public Task<int> UpdateShardCountAsync(int targetShardCount) => throw new NotSupportedException();

    public Task StartEncryptionAsync(string keyId, string keyArn) => throw new NotSupportedException();

    public Task StopEncryptionAsync() => throw new NotSupportedException();

    public Task ReportHotShardAsync(int shardIndex) => throw new NotSupportedException();

    public Task<int> SetWarmThroughputAsync(int targetMiBps) => throw new NotSupportedException();
}
