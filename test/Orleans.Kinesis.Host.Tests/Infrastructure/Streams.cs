using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>Stream helpers for tests: unique names, create-and-wait, read a whole shard.</summary>
public static class Streams
{
    private static int _counter;

    public static string UniqueName(string prefix)
        => $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";

    /// <summary>Creates a stream and polls DescribeStreamSummary until it is ACTIVE (bounded; fails naming the stream).</summary>
    public static async Task<string> CreateActiveAsync(KinesisHttp http, string prefix, int shardCount)
    {
        var name = UniqueName(prefix);
        await http.OkAsync("CreateStream", new { StreamName = name, ShardCount = shardCount });
        await WaitForStatusAsync(http, name, "ACTIVE");
        return name;
    }

    public static async Task WaitForStatusAsync(KinesisHttp http, string name, string status)
    {
        var watch = Stopwatch.StartNew();
        string? last = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var summary = await http.OkAsync("DescribeStreamSummary", new { StreamName = name });
            last = summary!["StreamDescriptionSummary"]!["StreamStatus"]!.GetValue<string>();
            if (last == status)
            {
                return;
            }

            await Task.Yield();
        }

        Assert.Fail($"stream {name} did not become {status} within 30 s (last status {last})");
    }

    /// <summary>
    /// After DeleteStream: polls DescribeStreamSummary while the stream is DELETING (as on AWS, the deletion completes
    /// after the call returns) until it is ResourceNotFoundException (bounded; fails naming the stream).
    /// </summary>
    public static async Task WaitUntilGoneAsync(KinesisHttp http, string stream)
    {
        for (var i = 0; i < 10_000; i++)
        {
            var response = await http.CallAsync("DescribeStreamSummary", new { StreamName = stream });
            if (response.ErrorType == "ResourceNotFoundException")
            {
                return;
            }

            Assert.Equal("DELETING", response.Json!["StreamDescriptionSummary"]!["StreamStatus"]!.GetValue<string>());
            await Task.Yield();
        }

        Assert.Fail($"stream {stream} was not deleted");
    }

    public static async Task<string> IteratorAsync(KinesisHttp http, string stream, string shardId, string type, string? sequence = null)
    {
        var body = new JsonObject { ["StreamName"] = stream, ["ShardId"] = shardId, ["ShardIteratorType"] = type };
        if (sequence is not null)
        {
            body["StartingSequenceNumber"] = sequence;
        }

        var response = await http.OkAsync("GetShardIterator", body);
        return response!["ShardIterator"]!.GetValue<string>();
    }

    /// <summary>Reads a shard from TRIM_HORIZON until a call returns nothing and the shard is caught up.</summary>
    public static async Task<List<JsonNode>> ReadAllAsync(KinesisHttp http, string stream, string shardId)
    {
        var iterator = await IteratorAsync(http, stream, shardId, "TRIM_HORIZON");
        var records = new List<JsonNode>();
        for (var calls = 0; calls < 10_000; calls++)
        {
            var result = await http.OkAsync("GetRecords", new { ShardIterator = iterator });
            var batch = result!["Records"]!.AsArray();
            foreach (var record in batch)
            {
                records.Add(record!.DeepClone());
            }

            if (batch.Count == 0 && result["MillisBehindLatest"]!.GetValue<long>() == 0)
            {
                return records;
            }

            iterator = result["NextShardIterator"]!.GetValue<string>();
        }

        Assert.Fail($"reading {stream}/{shardId} did not catch up");
        return records;
    }
}
