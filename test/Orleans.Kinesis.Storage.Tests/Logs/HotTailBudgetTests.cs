using System.Text;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Logs;
using Orleans.Kinesis.Storage.Tests.TestSupport;

namespace Orleans.Kinesis.Storage.Tests.Logs;

/// <summary>The hot tails of all logs of a process stay within one budget; what does not fit is read from the device.</summary>
[Trait("Provider", "Files")]
public sealed class HotTailBudgetTests : IDisposable
{
    private const int Budget = 64 * 1024;
    private readonly FileLogHarness _harness = new();

    [Fact]
    public async Task ManyLogs_ShareOneBudget_NeverPassIt_AndReadEverythingBack()
    {
        var budget = new HotTailBudget(Budget);
        var store = _harness.CreateStore(segmentMaxBytes: 1024 * 1024, hotTailBytes: 1024 * 1024, budget: budget);
        var logs = new List<IRecordLog>();
        for (var shard = 0; shard < 4; shard++)
        {
            logs.Add(await store.OpenAsync("orders", shard, CancellationToken.None));
        }

        var data = new string('x', 1000);
        for (var i = 0; i < 50; i++)
        {
            foreach (var log in logs)
            {
                await log.Append([new RecordEntry(Encoding.UTF8.GetBytes("pk"), Encoding.UTF8.GetBytes(data + i))], i).Durable.WithGuard("an append");
                Assert.InRange(budget.UsedBytes, 1, Budget);
            }
        }

        foreach (var log in logs)
        {
            using var read = await log.ReadAsync(0, 100, long.MaxValue, CancellationToken.None);
            Assert.Equal(50, read.Count);
            Assert.Equal(data + "49", Encoding.UTF8.GetString(read.Records.ToArray()[49].Data.Span));
            await log.DisposeAsync();
        }

        Assert.Equal(0, budget.UsedBytes);
    }

    public void Dispose() => _harness.Dispose();
}
