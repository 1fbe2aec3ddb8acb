using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Blobs;
using Orleans.Kinesis.Storage.Options;
using Orleans.Kinesis.Storage.Tests.TestSupport;
using Orleans.Kinesis.TestKit;
using Orleans.Kinesis.TestKit.Azurite;
using Xunit.Abstractions;

namespace Orleans.Kinesis.Storage.Tests.Logs;

/// <summary>Two writers on one shard log in one process: only the lease holder acknowledges, and a takeover keeps every acknowledged record.</summary>
[Trait("Provider", "Blob")]
public sealed class BlobWriterFencingTests(ITestOutputHelper output)
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task WriterWithoutTheLease_CannotAcknowledge_AndTheTakeoverKeepsEveryAcknowledgedRecord()
    {
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        var container = Container(azurite);
        await using var first = await Store(container, new FakeLiveness("node-a")).OpenAsync("orders", 0, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await first.Append([Record("a-" + i)], i).Durable.WithGuard("an append of the first writer");
        }

        var stopwatch = Stopwatch.StartNew();
        await using var second = await Store(container, new FakeLiveness("node-b", "node-a")).OpenAsync("orders", 0, CancellationToken.None);
        stopwatch.Stop();
        output.WriteLine($"takeover of a shard log whose writer is known dead: {stopwatch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(5, second.NextOrdinal);
        var stale = first.Append([Record("stale")], 10);
        await Assert.ThrowsAnyAsync<IOException>(() => stale.Durable.WaitAsync(TestTimeouts.Guard));
        var fresh = second.Append([Record("b-0")], 11);
        await fresh.Durable.WithGuard("an append of the second writer");

        Assert.Equal(5, fresh.FirstOrdinal);
        Assert.Equal(["a-0", "a-1", "a-2", "a-3", "a-4", "b-0"], await ReadAllAsync(second));
    }

    [Fact]
    public async Task WriterWhoseLeaseLapsedWhileStorageWasUnreachable_AcknowledgesNothingAfterwards()
    {
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: false);
        var container = Container(azurite);
        var clock = new FakeTimeProvider();
        var firstStore = new BlobRecordLogStore(container, Microsoft.Extensions.Options.Options.Create(new BlobStorageOptions()), NullLogger<BlobRecordLogStore>.Instance, Meters, TimeProvider.System, new FakeLiveness("node-a"))
        {
            LeaseClock = clock,
        };
        await using var first = await firstStore.OpenAsync("orders", 0, CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await first.Append([Record("a-" + i)], i).Durable.WithGuard("an append before the outage");
        }

        await azurite.StopAsync();
        clock.Advance(TimeSpan.FromSeconds(31)); // the 30 s lease could not be renewed meanwhile
        var lapsed = first.Append([Record("lapsed")], 5);
        var refusal = await Assert.ThrowsAnyAsync<IOException>(() => lapsed.Durable.WaitAsync(TestTimeouts.Guard));
        Assert.Contains("renewed in time", refusal.Message, StringComparison.Ordinal);

        await azurite.StartAsync();
        await using var second = await Store(container, new FakeLiveness("node-b", "node-a")).OpenAsync("orders", 0, CancellationToken.None);
        var stale = first.Append([Record("stale")], 6);
        await Assert.ThrowsAnyAsync<IOException>(() => stale.Durable.WaitAsync(TestTimeouts.Guard));

        Assert.Equal(3, second.NextOrdinal);
        var fresh = second.Append([Record("b-0")], 7);
        await fresh.Durable.WithGuard("an append of the second writer");
        Assert.Equal(3, fresh.FirstOrdinal);
        Assert.Equal(["a-0", "a-1", "a-2", "b-0"], await ReadAllAsync(second));
    }

    [Fact]
    public async Task SilentWriterNotProvenDead_IsTakenOverOnlyOnceItsLeaseLapses_AndCannotAppendAfterwards()
    {
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        var container = Container(azurite);
        var frozen = new FakeTimeProvider(); // its renewal timer never fires: the writer falls silent, as after kill -9
        var silentStore = new BlobRecordLogStore(container, Microsoft.Extensions.Options.Options.Create(new BlobStorageOptions()), NullLogger<BlobRecordLogStore>.Instance, Meters, TimeProvider.System, new FakeLiveness("node-a"))
        {
            LeaseClock = frozen,
        };
        var leased = Stopwatch.StartNew();
        await using var silent = await silentStore.OpenAsync("orders", 0, CancellationToken.None);
        await silent.Append([Record("a-0")], 0).Durable.WithGuard("an append of the writer that falls silent");

        var takeover = Stopwatch.StartNew();
        await using var second = await Store(container, new FakeLiveness("node-b")).OpenAsync("orders", 0, CancellationToken.None);
        takeover.Stop();
        leased.Stop();
        output.WriteLine($"takeover of a shard log whose silent writer is not known dead: {takeover.Elapsed.TotalSeconds:F1} s (lease {new BlobStorageOptions().WriterLeaseSeconds} s taken {leased.Elapsed.TotalSeconds:F1} s before)");

        Assert.True(leased.Elapsed >= TimeSpan.FromSeconds(new BlobStorageOptions().WriterLeaseSeconds - 1), $"taken over after {leased.Elapsed}, before the lease lapsed");
        var stale = silent.Append([Record("stale")], 1);
        await Assert.ThrowsAnyAsync<IOException>(() => stale.Durable.WaitAsync(TestTimeouts.Guard));
        var fresh = second.Append([Record("b-0")], 2);
        await fresh.Durable.WithGuard("an append of the new writer");
        Assert.Equal(1, fresh.FirstOrdinal);
        Assert.Equal(["a-0", "b-0"], await ReadAllAsync(second));
    }

    private static BlobContainer Container(AzuriteProcess azurite) =>
        new(BlobServiceClients.Create(new BlobStorageOptions { ConnectionString = azurite.ConnectionString }).GetBlobContainerClient("fencing"));

    private static BlobRecordLogStore Store(BlobContainer container, FakeLiveness liveness) =>
        new(container, Microsoft.Extensions.Options.Options.Create(new BlobStorageOptions()), NullLogger<BlobRecordLogStore>.Instance, Meters, TimeProvider.System, liveness);

    private static async Task<string[]> ReadAllAsync(IRecordLog log)
    {
        using var read = await log.ReadAsync(0, 100, long.MaxValue, CancellationToken.None);
        return read.Records.ToArray().Select(r => Encoding.UTF8.GetString(r.Data.Span)).ToArray();
    }

    private static RecordEntry Record(string data) => new(Encoding.UTF8.GetBytes("pk"), Encoding.UTF8.GetBytes(data));
}
