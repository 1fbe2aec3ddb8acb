using System.Text;
using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Grains.Tests.Infrastructure;

namespace Orleans.Kinesis.Grains.Tests.Shards;

/// <summary>The shard grain on a real silo: appends, reads, one activation per shard, state across activations.</summary>
[Collection(GrainClusterCollection.Name)]
[Trait("Area", "Grains")]
public sealed class ShardGrainTests(GrainClusterFixture cluster)
{
    [Fact]
    public async Task Appends_AreNumberedInOrder_AndReadBackWithTheirBytes()
    {
        var shard = await ShardAsync("shard-order");

        var first = await shard.AppendAsync(Batch("a", "b", "c"));
        var second = await shard.AppendAsync(Batch("d", "e"));
        var read = await shard.ReadAsync(0, 100, long.MaxValue);

        Assert.Equal(new ShardAppendResult(0, 3), first);
        Assert.Equal(new ShardAppendResult(3, 2), second);
        Assert.Equal(["a", "b", "c", "d", "e"], read.Records.Items.Select(r => Text(r.Data)));
        Assert.Equal([0L, 1, 2, 3, 4], read.Records.Items.Select(r => r.Ordinal));
        Assert.All(read.Records.Items, r => Assert.Equal("pk", Text(r.PartitionKey)));
        Assert.Equal(5, read.Records.NextOrdinal);
        Assert.Equal(5, read.Positions.DurableOrdinal);
    }

    [Fact]
    public async Task Read_FromAnOrdinal_RespectsTheRecordLimit_AndContinuesWhereItStopped()
    {
        var shard = await ShardAsync("shard-limit");
        await shard.AppendAsync(Batch("0", "1", "2", "3"));

        var page = await shard.ReadAsync(1, 2, long.MaxValue);
        var rest = await shard.ReadAsync(page.Records.NextOrdinal, 100, long.MaxValue);

        Assert.Equal(["1", "2"], page.Records.Items.Select(r => Text(r.Data)));
        Assert.Equal(["3"], rest.Records.Items.Select(r => Text(r.Data)));
    }

    [Fact]
    public async Task ConcurrentAppends_GetDistinctContiguousOrdinals_FromTheShardsSingleActivation()
    {
        var shard = await ShardAsync("shard-single");
        var calls = Enumerable.Range(0, 40).Select(i => shard.AppendAsync(Batch(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();

        var results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), results.Select(r => r.FirstOrdinal).Order());
        var read = await shard.ReadAsync(0, 100, long.MaxValue);
        Assert.Equal(40, read.Records.Count);
    }

    [Fact]
    public async Task AfterDeactivation_TheNextActivationHasTheRecordsAndTheClosedState()
    {
        var shard = await ShardAsync("shard-reactivate");
        await shard.AppendAsync(Batch("kept"));
        var ending = await shard.CloseAsync();

        await cluster.Cluster.DeactivateAsync(shard);

        var read = await shard.ReadAsync(0, 100, long.MaxValue);
        Assert.Equal(["kept"], read.Records.Items.Select(r => Text(r.Data)));
        Assert.Equal(ending, read.Positions.EndingOrdinal);
        var error = await Assert.ThrowsAsync<KinesisException>(() => shard.AppendAsync(Batch("late")));
        Assert.Equal(KinesisErrors.ShardClosed, error.ErrorType);
    }

    [Fact]
    public async Task AShardOfNoStream_FailsWithResourceNotFound_AcrossTheCall()
    {
        var shard = cluster.Grains.GetGrain<IShardGrain>(StreamStorage.ShardKey("nothing-here", 1, 0));

        var error = await Assert.ThrowsAsync<KinesisException>(() => shard.ReadAsync(0, 10, long.MaxValue));

        Assert.Equal(KinesisErrors.ResourceNotFound, error.ErrorType);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("nothing-here", error.Message, StringComparison.Ordinal);
    }

    internal static ShardAppend Batch(params string[] data)
        => new([.. data.Select(d => new RecordEntry(Encoding.UTF8.GetBytes("pk"), Encoding.UTF8.GetBytes(d)))]);

    internal static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private async Task<IShardGrain> ShardAsync(string stream)
    {
        var snapshot = await cluster.CreateActiveStreamAsync(stream, 1);
        return cluster.Grains.GetGrain<IShardGrain>(StreamStorage.ShardKey(stream, snapshot.CreatedTimeMs, 0));
    }
}
