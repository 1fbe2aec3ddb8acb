using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Logs.Memory;

namespace Orleans.Kinesis.Storage.Tests.Logs;

[Trait("Provider", "Memory")]
public sealed class MemoryRecordLogTests : RecordLogConformanceTests
{
    private readonly MemoryRecordLogStore _store = new();

    /// <summary>Memory logs have no segments: the size is ignored and a "restart" reuses the same store.</summary>
    protected override IRecordLogStore CreateStore(long segmentMaxBytes = DefaultSegmentBytes) => _store;

    [Fact]
    public async Task Append_IsDurableImmediately()
    {
        await using var log = await _store.OpenAsync("orders", 0, None);

        var append = log.Append([Record("k", "v")], 1);

        Assert.True(append.Durable.IsCompletedSuccessfully);
        Assert.Equal(1, log.DurableOrdinal);
    }
}
