using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Leases;

/// <summary>The same conditional-write contract for the memory, file and Azure Blob (Azurite) lease stores.</summary>
[Trait("Suite", "Leases")]
public sealed class LeaseStoreConformanceTests(AzuriteFixture azurite) : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leases-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Stores() => ["memory", "file", "blob"];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ConditionalWrites_OnlyTheHolderOfTheLastCounterWins(string kind)
    {
        var store = await CreateAsync(kind);
        var lease = new Lease { LeaseKey = "shardId-000000000001", Checkpoint = ExtendedSequenceNumber.TrimHorizon, ParentShardIds = ["shardId-000000000000"] };

        Assert.True(await store.CreateIfNotExistsAsync(lease, default));
        Assert.False(await store.CreateIfNotExistsAsync(lease with { LeaseOwner = "other" }, default));

        var taken = lease with { LeaseOwner = "a", LeaseCounter = 1 };
        Assert.True(await store.UpdateAsync(taken, 0, default));
        Assert.False(await store.UpdateAsync(lease with { LeaseOwner = "b", LeaseCounter = 1 }, 0, default));

        var checkpointed = taken with { LeaseCounter = 2, Checkpoint = new ExtendedSequenceNumber("49590338271490256608559692538361571095921575989136588898", 3) };
        Assert.True(await store.UpdateAsync(checkpointed, 1, default));

        var read = await store.GetAsync(lease.LeaseKey, default);
        Assert.Equal("a", read!.LeaseOwner);
        Assert.Equal(2, read.LeaseCounter);
        Assert.Equal(checkpointed.Checkpoint, read.Checkpoint);
        Assert.Equal(["shardId-000000000000"], read.ParentShardIds);
        Assert.Null(await store.GetAsync("shardId-000000000009", default));
        Assert.False(await store.UpdateAsync(lease with { LeaseKey = "shardId-000000000009" }, 0, default));
        Assert.Equal([lease.LeaseKey], (await store.ListAsync(default)).Select(l => l.LeaseKey));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ConcurrentTakers_ExactlyOneWins(string kind)
    {
        var store = await CreateAsync(kind);
        await store.CreateIfNotExistsAsync(new Lease { LeaseKey = "s", Checkpoint = ExtendedSequenceNumber.TrimHorizon }, default);

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.UpdateAsync(new Lease { LeaseKey = "s", LeaseOwner = "w" + i, LeaseCounter = 1, Checkpoint = ExtendedSequenceNumber.TrimHorizon }, 0, default)));

        Assert.Equal(1, wins.Count(w => w));
        Assert.Equal("w" + Array.IndexOf(wins, true), (await store.GetAsync("s", default))!.LeaseOwner);
    }

    [Fact]
    public async Task BlobStore_PrefixesSeparateApplicationsInOneContainer()
    {
        var container = await azurite.NewContainerAsync();
        var billing = new BlobLeaseStore(container, "billing/");
        var audit = new BlobLeaseStore(container, "audit/");
        var lease = new Lease { LeaseKey = "shardId-000000000000", Checkpoint = ExtendedSequenceNumber.TrimHorizon };

        Assert.True(await billing.CreateIfNotExistsAsync(lease, default));
        Assert.True(await audit.CreateIfNotExistsAsync(lease with { LeaseOwner = "auditor" }, default));

        Assert.Null((await billing.GetAsync(lease.LeaseKey, default))!.LeaseOwner);
        Assert.Equal("auditor", (await audit.GetAsync(lease.LeaseKey, default))!.LeaseOwner);
        Assert.Single(await billing.ListAsync(default));
        Assert.True(await container.GetBlobClient("billing/shardId-000000000000.lease.json").ExistsAsync());
    }

    private async Task<ILeaseStore> CreateAsync(string kind) => kind switch
    {
        "memory" => new InMemoryLeaseStore(),
        "file" => new FileLeaseStore(_directory),
        _ => new BlobLeaseStore(await azurite.NewContainerAsync()),
    };
}
