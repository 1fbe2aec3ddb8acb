using System.Numerics;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>The real Host on a data directory, stopped with SIGINT and started again on the same directory.</summary>
[Trait("Area", "Durability")]
public sealed class RestartTests
{
    private const int Batches = 4;
    private const int BatchSize = 500;

    [Fact]
    public async Task GracefulRestart_KeepsEveryRecordInOrderWithItsSequenceNumber_AndNewPutsContinueAbove()
    {
        using var data = new TempDataDirectory("kinesis-restart");
        const string stream = "durable-restart";
        var random = new Random(20240115);
        var sent = new List<StoredRecord>();
        string shardsBefore;

        await using (var first = await ServerProcess.StartAsync(data.Path))
        {
            Assert.Contains("storage: files in " + data.Path, first.ReadyLine, StringComparison.Ordinal);
            using var http = new KinesisHttp(first.Endpoint, new Version(1, 1));
            await http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 2 });
            await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
            for (var batch = 0; batch < Batches; batch++)
            {
                sent.AddRange(await PutBatchAsync(http, stream, random, batch, BatchSize));
            }

            shardsBefore = (await http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.ToJsonString();
            var exitCode = await first.StopGracefullyAsync();
            Assert.True(exitCode == 0, $"graceful stop exited with {exitCode}\n{first.Output()}");
        }

        await using var second = await ServerProcess.StartAsync(data.Path);
        using var again = new KinesisHttp(second.Endpoint, new Version(1, 1));

        Assert.Contains(stream, (await again.OkAsync("ListStreams", new { }))!["StreamNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(shardsBefore, (await again.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.ToJsonString());
        var summary = (await again.OkAsync("DescribeStreamSummary", new { StreamName = stream }))!["StreamDescriptionSummary"]!;
        Assert.Equal("ACTIVE", summary["StreamStatus"]!.GetValue<string>());
        Assert.Equal(2, summary["OpenShardCount"]!.GetValue<int>());

        var stored = await StoredRecord.ReadStreamAsync(again, stream);
        Assert.Equal(2, stored.Count);
        Assert.Equal(Batches * BatchSize, stored.Values.Sum(r => r.Count));
        foreach (var (shard, records) in stored)
        {
            var expected = sent.Where(s => s.ShardId == shard).ToList();
            Assert.True(expected.Count > 0, $"no record was routed to {shard}; the test needs both shards used");
            Assert.Equal(expected.Count, records.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i].SequenceNumber == records[i].SequenceNumber, $"{shard} record {i}: sequence number {records[i].SequenceNumber}, expected {expected[i].SequenceNumber}");
                Assert.Equal(expected[i].PartitionKey, records[i].PartitionKey);
                Assert.Equal(expected[i].Data, records[i].Data);
            }
        }

        var lastBefore = stored.ToDictionary(s => s.Key, s => s.Value[^1].Sequence);
        var after = await PutBatchAsync(again, stream, random, Batches, 50);
        Assert.All(after, record => Assert.True(record.Sequence > lastBefore[record.ShardId],
            $"{record.ShardId}: new sequence number {record.SequenceNumber} is not above {lastBefore[record.ShardId]} from before the restart"));
        var reread = await StoredRecord.ReadStreamAsync(again, stream);
        Assert.Equal(Batches * BatchSize + after.Count, reread.Values.Sum(r => r.Count));
        Assert.Equal(after.Select(r => r.SequenceNumber).Order(), reread.Values.SelectMany(r => r).Where(r => r.Sequence > lastBefore[r.ShardId]).Select(r => r.SequenceNumber).Order());
    }

    /// <summary>PutRecords of <paramref name="count"/> random payloads over many partition keys; returns them with their shard and sequence number, in request order.</summary>
    private static async Task<List<StoredRecord>> PutBatchAsync(KinesisHttp http, string stream, Random random, int batch, int count)
    {
        var entries = Enumerable.Range(0, count).Select(i =>
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            return (Key: $"key-{batch}-{i % 37}", Data: bytes);
        }).ToList();
        var response = await http.OkAsync("PutRecords", new
        {
            StreamName = stream,
            Records = entries.Select(e => new { Data = Convert.ToBase64String(e.Data), PartitionKey = e.Key }).ToArray(),
        });
        Assert.Equal(0, response!["FailedRecordCount"]!.GetValue<int>());
        var results = response["Records"]!.AsArray();
        Assert.Equal(count, results.Count);
        return entries.Select((e, i) => new StoredRecord(results[i]!["ShardId"]!.GetValue<string>(), results[i]!["SequenceNumber"]!.GetValue<string>(), e.Key, e.Data)).ToList();
    }
}
