using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Files;
using Orleans.Kinesis.Storage.Logs.Memory;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task AddFileStorage_RegistersFileProvidersAsSingletons_UnderTheDataDirectory()
    {
        using var directory = new TempDirectory();
        await using var services = new ServiceCollection().AddFileStorage(o => o.DataDirectory = directory.Path).BuildServiceProvider();

        var store = Assert.IsType<FileRecordLogStore>(services.GetRequiredService<IRecordLogStore>());
        Assert.Same(store, services.GetRequiredService<IRecordLogStore>());
        await using (var log = await store.OpenAsync("orders", 0, CancellationToken.None))
        {
            await log.Append([new RecordEntry("k"u8.ToArray(), "v"u8.ToArray())], 1).Durable;
        }

        Assert.True(Directory.Exists(Path.Combine(directory.Path, "streams", "orders", "shardId-000000000000")));
    }

    [Fact]
    public void AddMemoryStorage_RegistersMemoryProviders()
    {
        using var services = new ServiceCollection().AddMemoryStorage().BuildServiceProvider();

        Assert.IsType<MemoryRecordLogStore>(services.GetRequiredService<IRecordLogStore>());
    }
}
