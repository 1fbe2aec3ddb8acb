using System.Text;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Producer;

namespace Orleans.Streaming.Kinesis.Tests.Infrastructure;

public static class TestProducer
{
    /// <summary>Writes <paramref name="count"/> records "label-i" over keys prefix0..prefix(keys-1) with KPL aggregation on.</summary>
    public static async Task<List<(string Data, UserRecordResult Result)>> ProduceAsync(KinesisClient kinesis, string stream, string prefix, string label, int count, int keys)
    {
        await using var producer = new KinesisProducer(kinesis, new KinesisProducerOptions { RecordMaxBufferedTime = TimeSpan.FromMilliseconds(20) });
        var data = Enumerable.Range(0, count).Select(i => $"{label}-{i}").ToList();
        var puts = data.Select((d, i) => producer.AddUserRecordAsync(stream, prefix + (i % keys), Encoding.UTF8.GetBytes(d))).ToList();
        var results = await Task.WhenAll(puts);
        Assert.Contains(results, r => r.SubSequenceNumber > 0); // aggregation was on
        return [.. data.Zip(results)];
    }
}
