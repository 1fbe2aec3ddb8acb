using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.RealClients;

/// <summary>The AWS CLI (v1 or v2, HTTP/1.1) through a stream's whole life, on a server of its own.</summary>
[Trait("Area", "RealClients")]
public sealed class AwsCliTests : IClassFixture<ServerFixture>, IDisposable
{
    private readonly ServerFixture _server;
    private readonly AwsCli _aws;

    public AwsCliTests(ServerFixture server)
    {
        _server = server;
        _aws = new AwsCli(server.Endpoint);
    }

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Cli_CreatesPutsReadsListsAndDeletesAStream()
    {
        var stream = Streams.UniqueName("cli");
        await _aws.OkAsync("create-stream", "--stream-name", stream, "--shard-count", "2");

        var watch = Stopwatch.StartNew();
        JsonNode summary;
        do
        {
            summary = (await _aws.OkAsync("describe-stream-summary", "--stream-name", stream))!["StreamDescriptionSummary"]!;
        }
        while (summary["StreamStatus"]!.GetValue<string>() != "ACTIVE" && watch.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Equal("ACTIVE", summary["StreamStatus"]!.GetValue<string>());
        Assert.Equal(2, summary["OpenShardCount"]!.GetValue<int>());

        // Binary data through fileb:// (read raw by v1 and v2 alike); text records inline in put-records.
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var binaryFile = Path.Combine(_aws.ScratchDirectory, "all-bytes.bin");
        await File.WriteAllBytesAsync(binaryFile, binary);
        var put = await _aws.OkAsync("put-record", "--stream-name", stream, "--partition-key", "pk-binary", "--data", "fileb://" + binaryFile);
        var sent = new List<(string Shard, string Sequence, string Key, byte[] Data)>
        {
            (put!["ShardId"]!.GetValue<string>(), put["SequenceNumber"]!.GetValue<string>(), "pk-binary", binary),
        };

        var texts = new[] { ("alpha", "first text record"), ("bravo", "second text record, a bit longer " + new string('x', 300)), ("charlie-0123456789", "third") };
        var records = new JsonArray(texts.Select(t => (JsonNode)new JsonObject { ["Data"] = t.Item2, ["PartitionKey"] = t.Item1 }).ToArray());
        var putRecords = await _aws.OkAsync("put-records", "--stream-name", stream, "--records", records.ToJsonString());
        Assert.Equal(0, putRecords!["FailedRecordCount"]?.GetValue<int>() ?? 0);
        var results = putRecords["Records"]!.AsArray();
        Assert.Equal(3, results.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            sent.Add((results[i]!["ShardId"]!.GetValue<string>(), results[i]!["SequenceNumber"]!.GetValue<string>(), texts[i].Item1, Encoding.UTF8.GetBytes(texts[i].Item2)));
        }

        var listShards = _aws.OkAsync("list-shards", "--stream-name", stream);
        var listStreams = _aws.OkAsync("list-streams");
        var shards = (await listShards)!["Shards"]!.AsArray().Select(s => s!["ShardId"]!.GetValue<string>()).ToList();
        Assert.Equal(["shardId-000000000000", "shardId-000000000001"], shards);

        async Task<List<(string Sequence, string Shard, string Key, byte[] Data)>> ReadShardAsync(string shard)
        {
            var expected = sent.Count(s => s.Shard == shard);
            var iterator = (await _aws.OkAsync("get-shard-iterator", "--stream-name", stream, "--shard-id", shard, "--shard-iterator-type", "TRIM_HORIZON"))!["ShardIterator"]!.GetValue<string>();
            var read = new List<(string, string, string, byte[])>();
            for (var calls = 0; calls < 5 && read.Count < expected; calls++)
            {
                var page = await _aws.OkAsync("get-records", "--shard-iterator", iterator);
                read.AddRange(page!["Records"]!.AsArray().Select(r => (r!["SequenceNumber"]!.GetValue<string>(), shard, r["PartitionKey"]!.GetValue<string>(), Convert.FromBase64String(r["Data"]!.GetValue<string>()))));
                iterator = page["NextShardIterator"]!.GetValue<string>();
            }

            Assert.True(expected == read.Count, $"{shard}: read {read.Count} records, {expected} were put there");
            return read;
        }

        // The shards are read side by side: each CLI call is a process start.
        var received = (await Task.WhenAll(shards.Select(ReadShardAsync))).SelectMany(r => r).ToDictionary(r => r.Sequence, r => (r.Shard, r.Key, r.Data));
        Assert.Equal(sent.Count, received.Count);
        foreach (var record in sent)
        {
            Assert.True(received.TryGetValue(record.Sequence, out var got), $"record {record.Sequence} ({record.Key}) not read back");
            Assert.Equal(record.Shard, got.Shard);
            Assert.Equal(record.Key, got.Key);
            Assert.Equal(record.Data, got.Data);
        }

        var names = (await listStreams)!["StreamNames"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Contains(stream, names);

        await _aws.OkAsync("delete-stream", "--stream-name", stream);
        await Streams.WaitUntilGoneAsync(_server.Http1, stream);
    }
}
