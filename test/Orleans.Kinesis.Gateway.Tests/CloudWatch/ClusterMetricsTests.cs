using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Kinesis.Gateway.CloudWatch;

namespace Orleans.Kinesis.Gateway.Tests.CloudWatch;

/// <summary>The cluster view reads the other nodes' documents, skips this node's own, and deletes expired ones.</summary>
[Trait("Area", "Monitoring")]
public sealed class ClusterMetricsTests
{
    [Fact]
    public async Task OtherNodes_WithRecentPoints_AreMerged_AndExpiredDocuments_AreDeleted()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var aggregator = new MetricAggregator(Options.Create(new MetricsOptions()), TimeProvider.System, services.GetRequiredService<IMeterFactory>());
        var archive = new MemoryArchive
        {
            ["nodes/fresh.json"] = Document(aggregator.CurrentMinute),
            ["nodes/expired.json"] = Document(aggregator.CurrentMinute - aggregator.RetentionMinutes - 10),
        };
        using var cluster = new ClusterMetrics(aggregator, TimeProvider.System, NullLogger<ClusterMetrics>.Instance, archive);

        var stores = await cluster.StoresAsync(CancellationToken.None);

        Assert.Equal(2, stores.Count); // this node, then the fresh one
        Assert.Same(aggregator.Store, stores[0]);
        Assert.NotNull(stores[1].Find("AWS/Kinesis", "IncomingRecords"));
        Assert.Equal(["nodes/fresh.json"], archive.Keys);
    }

    private static byte[] Document(long minute)
    {
        var store = new MetricStore(180);
        store.GetOrAdd("AWS/Kinesis", "IncomingRecords", "Count").Series(new("StreamName", "orders", null, null)).Add(minute, 3);
        return MetricArchiveFormat.Write(store);
    }

    private sealed class MemoryArchive : Dictionary<string, byte[]>, IMetricArchive
    {
        public Task<byte[]?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

        public Task SaveAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<KeyValuePair<string, byte[]>>> LoadOtherNodesAsync(CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<KeyValuePair<string, byte[]>>>([.. this]);

        public Task DeleteOtherNodeAsync(string node, CancellationToken cancellationToken) => Task.FromResult(Remove(node));
    }
}
