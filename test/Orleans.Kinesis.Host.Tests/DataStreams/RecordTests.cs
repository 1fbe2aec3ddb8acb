using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

[Collection(ServerCollection.Name)]
[Trait("Area", "DataStreams")]
public sealed class RecordTests
{
    private const string Shard0 = "shardId-000000000000";
    private const string Shard1 = "shardId-000000000001";
    private readonly ServerFixture _server;

    public RecordTests(ServerFixture server) => _server = server;

    private KinesisHttp Http => _server.Http1;

    [Theory]
    [InlineData("a", Shard0)]   // MD5("a") = 16955237001963240173058271559858726497 < 2^127
    [InlineData("pk1", Shard1)] // MD5("pk1") = 329398341438914906102347661116985167824 >= 2^127
    public async Task PutRecord_RoutesByMd5OfThePartitionKey(string partitionKey, string expectedShard)
    {
        var stream = await Streams.CreateActiveAsync(Http, "route", 2);
        var put = await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "aGVsbG8=", PartitionKey = partitionKey });
        Assert.Equal(expectedShard, put!["ShardId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutRecord_ExplicitHashKey_OverridesThePartitionKey()
    {
        var stream = await Streams.CreateActiveAsync(Http, "explicit", 2);
        var put = await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "a", ExplicitHashKey = "170141183460469231731687303715884105728" });
        Assert.Equal(Shard1, put!["ShardId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutRecords_ResultsFollowRequestOrder_AndReadBackByteForByte()
    {
        var stream = await Streams.CreateActiveAsync(Http, "putrecords", 2);
        var payloads = Enumerable.Range(0, 50).Select(i => Encoding.UTF8.GetBytes($"record-{i}-" + new string('x', i))).ToArray();
        var response = await Http.OkAsync("PutRecords", new
        {
            StreamName = stream,
            Records = payloads.Select((p, i) => new { Data = Convert.ToBase64String(p), PartitionKey = "key-" + i }).ToArray(),
        });

        Assert.Equal(0, response!["FailedRecordCount"]!.GetValue<int>());
        var results = response["Records"]!.AsArray();
        Assert.Equal(50, results.Count);
        var read = (await Streams.ReadAllAsync(Http, stream, Shard0)).Concat(await Streams.ReadAllAsync(Http, stream, Shard1))
            .ToDictionary(r => r["SequenceNumber"]!.GetValue<string>());
        for (var i = 0; i < payloads.Length; i++)
        {
            var record = read[results[i]!["SequenceNumber"]!.GetValue<string>()];
            Assert.Equal(payloads[i], Convert.FromBase64String(record["Data"]!.GetValue<string>()));
            Assert.Equal("key-" + i, record["PartitionKey"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task SequenceNumbers_GrowWithinAShard_AndSitAboveTheStartingNumber()
    {
        var stream = await Streams.CreateActiveAsync(Http, "seq", 1);
        var numbers = new List<BigInteger>();
        for (var i = 0; i < 20; i++)
        {
            var put = await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "p" + i });
            numbers.Add(BigInteger.Parse(put!["SequenceNumber"]!.GetValue<string>()));
        }

        var start = BigInteger.Parse((await Http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]![0]!["SequenceNumberRange"]!["StartingSequenceNumber"]!.GetValue<string>());
        Assert.All(numbers.Zip(numbers.Skip(1)), pair => Assert.True(pair.Second > pair.First));
        Assert.True(numbers[0] > start);
    }

    [Fact]
    public async Task IteratorTypes_PositionAtAndAfterSequenceNumbers_Latest_AndTimestamp()
    {
        var stream = await Streams.CreateActiveAsync(Http, "iterators", 1);
        var sequences = new List<string>();
        foreach (var word in new[] { "one", "two", "three" })
        {
            var put = await Http.OkAsync("PutRecord", new { StreamName = stream, Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(word)), PartitionKey = "k" });
            sequences.Add(put!["SequenceNumber"]!.GetValue<string>());
        }

        Assert.Equal(["two", "three"], await ReadWordsAsync(await Streams.IteratorAsync(Http, stream, Shard0, "AT_SEQUENCE_NUMBER", sequences[1])));
        Assert.Equal(["three"], await ReadWordsAsync(await Streams.IteratorAsync(Http, stream, Shard0, "AFTER_SEQUENCE_NUMBER", sequences[1])));
        var latest = await Streams.IteratorAsync(Http, stream, Shard0, "LATEST");
        Assert.Empty(await ReadWordsAsync(latest));

        await Http.OkAsync("PutRecord", new { StreamName = stream, Data = Convert.ToBase64String("four"u8.ToArray()), PartitionKey = "k" });
        Assert.Equal(["four"], await ReadWordsAsync(latest));

        var atStart = await Http.OkAsync("GetShardIterator", new { StreamName = stream, ShardId = Shard0, ShardIteratorType = "AT_TIMESTAMP", Timestamp = 1.0 });
        Assert.Equal(["one", "two", "three", "four"], await ReadWordsAsync(atStart!["ShardIterator"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetRecords_HonoursLimit_AndGivesANewIteratorEachCall()
    {
        var stream = await Streams.CreateActiveAsync(Http, "limit", 1);
        await Http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 10).Select(i => new { Data = "AAAA", PartitionKey = "k" }).ToArray() });
        var iterator = await Streams.IteratorAsync(Http, stream, Shard0, "TRIM_HORIZON");

        var first = await Http.OkAsync("GetRecords", new { ShardIterator = iterator, Limit = 3 });
        var second = await Http.OkAsync("GetRecords", new { ShardIterator = first!["NextShardIterator"]!.GetValue<string>(), Limit = 100 });
        var empty = await Http.OkAsync("GetRecords", new { ShardIterator = second!["NextShardIterator"]!.GetValue<string>() });

        Assert.Equal(3, first["Records"]!.AsArray().Count);
        Assert.True(first["MillisBehindLatest"]!.GetValue<long>() >= 0);
        Assert.Equal(7, second["Records"]!.AsArray().Count);
        Assert.Empty(empty!["Records"]!.AsArray());
        Assert.Equal(0, empty["MillisBehindLatest"]!.GetValue<long>());
        Assert.NotEqual(second["NextShardIterator"]!.GetValue<string>(), empty["NextShardIterator"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetRecords_AcceptsAnIteratorInQuotes_AndRejectsGarbage()
    {
        var stream = await Streams.CreateActiveAsync(Http, "quoted", 1);
        var iterator = await Streams.IteratorAsync(Http, stream, Shard0, "TRIM_HORIZON");

        var quoted = await Http.CallAsync("GetRecords", new { ShardIterator = "\"" + iterator + "\"" });
        var forged = await Http.CallAsync("GetRecords", new { ShardIterator = iterator[..^4] + "AAA=" });

        Assert.Equal(System.Net.HttpStatusCode.OK, quoted.Status);
        forged.AssertError("InvalidArgumentException", "Invalid ShardIterator.");
    }

    [Fact]
    public async Task GetRecords_IteratorOlderThanFiveMinutes_IsExpired()
    {
        var stream = await Streams.CreateActiveAsync(Http, "expiry", 1);
        var iterator = await Streams.IteratorAsync(Http, stream, Shard0, "TRIM_HORIZON");

        _server.Time.Shift(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var response = await Http.CallAsync("GetRecords", new { ShardIterator = iterator });

        Assert.Equal("ExpiredIteratorException", response.ErrorType);
        Assert.StartsWith("Iterator expired. The iterator was created at time ", response.Message, StringComparison.Ordinal);
        Assert.EndsWith("which is further in the future than the tolerated delay of 300000 milliseconds.", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetShardIterator_SequenceNumberOfAnotherShard_IsInvalidArgument()
    {
        var stream = await Streams.CreateActiveAsync(Http, "othershard", 2);
        var put = await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "pk1" });
        var sequence = put!["SequenceNumber"]!.GetValue<string>();

        var response = await Http.CallAsync("GetShardIterator", new { StreamName = stream, ShardId = Shard0, ShardIteratorType = "AT_SEQUENCE_NUMBER", StartingSequenceNumber = sequence });

        response.AssertError("InvalidArgumentException",
            "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000");
    }

    [Fact]
    public async Task GetShardIterator_SequenceNumberOfAnotherStream_IsInvalidArgument()
    {
        var first = await Streams.CreateActiveAsync(Http, "streamA", 1);
        var second = await Streams.CreateActiveAsync(Http, "streamB", 1);
        var sequence = (await Http.OkAsync("PutRecord", new { StreamName = first, Data = "AAAA", PartitionKey = "k" }))!["SequenceNumber"]!.GetValue<string>();

        var response = await Http.CallAsync("GetShardIterator", new { StreamName = second, ShardId = Shard0, ShardIteratorType = "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber = sequence });

        response.AssertError("InvalidArgumentException",
            $"StartingSequenceNumber {sequence} used in GetShardIterator on shard {Shard0} in stream {second} under account 000000000000 is invalid because it did not come from this stream.");
    }

    [Theory]
    [InlineData("TRIM_HORIZON", true, "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified TRIM_HORIZON and also a StartingSequenceNumber.")]
    [InlineData("AT_SEQUENCE_NUMBER", false, "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.")]
    [InlineData("AT_TIMESTAMP", false, "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")]
    public async Task GetShardIterator_InconsistentArguments_AreInvalidArgument(string type, bool withSequence, string message)
    {
        var stream = await Streams.CreateActiveAsync(Http, "args", 1);
        var body = new JsonObject { ["StreamName"] = stream, ["ShardId"] = Shard0, ["ShardIteratorType"] = type };
        if (withSequence)
        {
            body["StartingSequenceNumber"] = "1";
        }

        var response = await Http.CallAsync("GetShardIterator", body);
        response.AssertError("InvalidArgumentException", message);
    }

    [Theory]
    [InlineData("shardId-000000000007", "Shard shardId-000000000007 in stream {0} under account 000000000000 does not exist")]
    [InlineData("shard-7", "Shard shardId-000000000007 in stream {0} under account 000000000000 does not exist")]
    [InlineData("shardId-abc", "Could not find shard shardId-abc in stream {0} under account 000000000000.")]
    public async Task GetShardIterator_UnknownShard_IsResourceNotFound(string shardId, string template)
    {
        var stream = await Streams.CreateActiveAsync(Http, "noshard", 1);
        var response = await Http.CallAsync("GetShardIterator", new { StreamName = stream, ShardId = shardId, ShardIteratorType = "LATEST" });
        response.AssertError("ResourceNotFoundException", string.Format(System.Globalization.CultureInfo.InvariantCulture, template, stream));
    }

    [Fact]
    public async Task PutRecord_SequenceNumberForOrdering_FromThisStream_IsAccepted_AndGarbageIsNot()
    {
        var stream = await Streams.CreateActiveAsync(Http, "ordering", 1);
        var first = (await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "k" }))!["SequenceNumber"]!.GetValue<string>();

        var second = await Http.OkAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "k", SequenceNumberForOrdering = first });
        var bad = await Http.CallAsync("PutRecord", new { StreamName = stream, Data = "AAAA", PartitionKey = "k", SequenceNumberForOrdering = "12345" });

        Assert.True(BigInteger.Parse(second!["SequenceNumber"]!.GetValue<string>()) > BigInteger.Parse(first));
        bad.AssertError("InvalidArgumentException", $"ExclusiveMinimumSequenceNumber 12345 used in PutRecord on stream {stream} under account 000000000000 is invalid.");
    }

    [Fact]
    public async Task PutRecord_ToAMissingStream_IsResourceNotFound()
    {
        var response = await Http.CallAsync("PutRecords", new { StreamName = "missing-stream", Records = new[] { new { Data = "AAAA", PartitionKey = "k" } } });
        response.AssertError("ResourceNotFoundException", "Stream missing-stream under account 000000000000 not found.");
    }

    private async Task<List<string>> ReadWordsAsync(string iterator)
    {
        var result = await Http.OkAsync("GetRecords", new { ShardIterator = iterator });
        return result!["Records"]!.AsArray().Select(r => Encoding.UTF8.GetString(Convert.FromBase64String(r!["Data"]!.GetValue<string>()))).ToList();
    }
}
