using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>One record as stored or acknowledged: shard, sequence number (text and value), partition key and bytes.</summary>
public sealed record StoredRecord(string ShardId, string SequenceNumber, string PartitionKey, byte[] Data)
{
    public BigInteger Sequence { get; } = BigInteger.Parse(SequenceNumber, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Reads every shard of <paramref name="stream"/> from TRIM_HORIZON; asserts that sequence numbers strictly grow within each shard.</summary>
    public static async Task<Dictionary<string, List<StoredRecord>>> ReadStreamAsync(KinesisHttp http, string stream)
    {
        var shards = (await http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray()
            .Select(s => s!["ShardId"]!.GetValue<string>())
            .ToList();
        var result = new Dictionary<string, List<StoredRecord>>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            var records = (await Streams.ReadAllAsync(http, stream, shard)).Select(r => FromJson(shard, r)).ToList();
            for (var i = 1; i < records.Count; i++)
            {
                Assert.True(records[i].Sequence > records[i - 1].Sequence,
                    $"{stream}/{shard}: record {i} has sequence number {records[i].SequenceNumber}, not above {records[i - 1].SequenceNumber}");
            }

            result[shard] = records;
        }

        return result;
    }

    public static StoredRecord FromJson(string shardId, JsonNode record)
        => new(shardId, record["SequenceNumber"]!.GetValue<string>(), record["PartitionKey"]!.GetValue<string>(), Convert.FromBase64String(record["Data"]!.GetValue<string>()));
}
