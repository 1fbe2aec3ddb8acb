using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Grains.Tests.Infrastructure;
using Orleans.Kinesis.Grains.Tests.Shards;

namespace Orleans.Kinesis.Grains.Tests.Streams;

/// <summary>The stream grain on a real silo: its creation timer on the test's clock, resharding, state across activations.</summary>
[Collection(GrainClusterCollection.Name)]
[Trait("Area", "Grains")]
public sealed class StreamGrainTests(GrainClusterFixture cluster)
{
    [Fact]
    public async Task Create_StaysCreating_UntilTheClockPassesTheCreationDelay_ThenIsActive()
    {
        var stream = cluster.Grains.GetGrain<IStreamGrain>("stream-timer");
        await stream.CreateAsync(new CreateStreamCommand(2, StreamMode.Provisioned, 1024, null));

        cluster.Clock.Advance(TimeSpan.FromSeconds(9));
        var creating = await stream.GetSettledSnapshotAsync();
        var active = await cluster.SettleAsync(stream, StreamStatus.Active);

        Assert.Equal(StreamStatus.Creating, creating!.Status);
        Assert.Equal(2, active.Shards.Count);
    }

    [Fact]
    public async Task Split_ClosesTheParent_AppendsToItFailAsShardClosed_AndTheChildrenTakeWrites()
    {
        var stream = cluster.Grains.GetGrain<IStreamGrain>("stream-split");
        var before = await cluster.CreateActiveStreamAsync("stream-split", 1);
        var parent = cluster.Grains.GetGrain<IShardGrain>(StreamStorage.ShardKey("stream-split", before.CreatedTimeMs, 0));
        await parent.AppendAsync(ShardGrainTests.Batch("before"));

        await stream.SplitShardAsync(0, UInt128.MaxValue / 2);
        var after = await cluster.SettleAsync(stream, StreamStatus.Active);

        Assert.Equal(3, after.Shards.Count);
        Assert.False(after.FindShard(0)!.IsOpen);
        Assert.All(after.Shards.Where(s => s.Index != 0), child => Assert.Equal(0, child.ParentIndex));
        var error = await Assert.ThrowsAsync<KinesisException>(() => parent.AppendAsync(ShardGrainTests.Batch("late")));
        Assert.Equal(KinesisErrors.ShardClosed, error.ErrorType);
        var child = cluster.Grains.GetGrain<IShardGrain>(StreamStorage.ShardKey("stream-split", before.CreatedTimeMs, after.Shards[^1].Index));
        Assert.Equal(0, (await child.AppendAsync(ShardGrainTests.Batch("child"))).FirstOrdinal);
        var parentRead = await parent.ReadAsync(0, 10, long.MaxValue);
        Assert.Equal(["before"], parentRead.Records.Items.Select(r => ShardGrainTests.Text(r.Data)));
        Assert.Equal(1, parentRead.Positions.EndingOrdinal);
    }

    [Fact]
    public async Task Tags_SurviveTheStreamGrainsDeactivation()
    {
        var stream = cluster.Grains.GetGrain<IStreamGrain>("stream-tags");
        await cluster.CreateActiveStreamAsync("stream-tags", 1);
        await stream.AddTagsAsync(new Dictionary<string, string> { ["team"] = "ingest" });

        await cluster.Cluster.DeactivateAsync(stream);

        var snapshot = await stream.GetSnapshotAsync();
        Assert.Equal("ingest", snapshot!.Tags["team"]);
        Assert.Equal(StreamStatus.Active, snapshot.Status);
    }
}
