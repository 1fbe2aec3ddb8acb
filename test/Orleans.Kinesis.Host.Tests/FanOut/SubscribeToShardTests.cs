using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.Protocol.EventStream;

namespace Orleans.Kinesis.Host.Tests.FanOut;

/// <summary>SubscribeToShard end to end over HTTP/1.1 (chunked) and h2c: ordering, resumption, shard end, takeover, errors.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "FanOut")]
public sealed class SubscribeToShardTests
{
    private const string Shard0 = "shardId-000000000000";
    private const string Half = "170141183460469231731687303715884105728";

    private readonly ServerFixture _server;

    public SubscribeToShardTests(ServerFixture server) => _server = server;

    private KinesisHttp Http => _server.Http1;

    private KinesisHttp Client(string version) => version == "2.0" ? _server.Http2 : _server.Http1;

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Subscribe_FromTrimHorizon_DeliversStoredThenNewRecordsInOrder_WithContinuationOfTheLast(string version)
    {
        var (stream, consumer) = await StreamWithConsumerAsync("sub-order", 1);
        var stored = await PutAsync(stream, "a", "b", "c");

        await using var subscription = await EventSubscription.OpenAsync(Client(version), Subscribe(consumer, "TRIM_HORIZON"));
        Assert.Equal(version, subscription.Version.ToString());
        var (first, firstEvent) = await subscription.ReadRecordsAsync(3, "the stored records");
        var live = await PutAsync(stream, "d", "e");
        var (second, lastEvent) = await subscription.ReadRecordsAsync(2, "the records put after subscribing");

        Assert.Equal(["a", "b", "c", "d", "e"], first.Concat(second).Select(DataText));
        Assert.Equal(stored.Concat(live), first.Concat(second).Select(r => r["SequenceNumber"]!.GetValue<string>()));
        Assert.Equal(stored[^1], firstEvent["ContinuationSequenceNumber"]!.GetValue<string>());
        Assert.Equal(live[^1], lastEvent["ContinuationSequenceNumber"]!.GetValue<string>());
        Assert.Equal(0, lastEvent["MillisBehindLatest"]!.GetValue<long>());
        Assert.Null(lastEvent["ChildShards"]);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Resubscribe_AfterContinuationSequenceNumber_ResumesWithNoGapAndNoDuplicate(string version)
    {
        var (stream, consumer) = await StreamWithConsumerAsync("sub-resume", 1);
        await PutAsync(stream, "1", "2", "3");
        string continuation;
        await using (var first = await EventSubscription.OpenAsync(Client(version), Subscribe(consumer, "TRIM_HORIZON")))
        {
            var (_, last) = await first.ReadRecordsAsync(3, "the first three records");
            continuation = last["ContinuationSequenceNumber"]!.GetValue<string>();
        }

        await PutAsync(stream, "4", "5");
        _server.Time.Shift(TimeSpan.FromSeconds(5)); // past the takeover window and the call rate, whether or not the first has ended yet
        await using var second = await EventSubscription.OpenAsync(Client(version), Subscribe(consumer, "AFTER_SEQUENCE_NUMBER", continuation));
        var (records, _) = await second.ReadRecordsAsync(2, "the records after the continuation");

        Assert.Equal(["4", "5"], records.Select(DataText));
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Subscribe_AcrossAnEncryptionSwitch_DeliversPlaintext_MarkingEncryptedRecords(string version)
    {
        var (stream, consumer) = await StreamWithConsumerAsync("sub-sse", 1);
        await PutAsync(stream, "in the clear");
        await Http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = "alias/aws/kinesis" });
        await Streams.WaitForStatusAsync(Http, stream, "ACTIVE");
        await PutAsync(stream, "sealed one");

        await using var subscription = await EventSubscription.OpenAsync(Client(version), Subscribe(consumer, "TRIM_HORIZON"));
        var (stored, _) = await subscription.ReadRecordsAsync(2, "the records stored before subscribing");
        await PutAsync(stream, "sealed two");
        var (live, _) = await subscription.ReadRecordsAsync(1, "the record put after subscribing");

        var records = stored.Concat(live).ToList();
        Assert.Equal(["in the clear", "sealed one", "sealed two"], records.Select(DataText));
        Assert.Null(records[0]["EncryptionType"]);
        Assert.All(records.Skip(1), r => Assert.Equal("KMS", r["EncryptionType"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Subscribe_AtLatest_SkipsStoredRecords_AndAtSequenceNumber_StartsAtThatRecord()
    {
        var (stream, consumer) = await StreamWithConsumerAsync("sub-positions", 1);
        var stored = await PutAsync(stream, "old-1", "old-2");
        await using (var latest = await EventSubscription.OpenAsync(Http, Subscribe(consumer, "LATEST")))
        {
            var empty = await latest.NextEventAsync("the first event at LATEST");
            Assert.Empty(empty["Records"]!.AsArray());
            Assert.Equal(stored[^1], empty["ContinuationSequenceNumber"]!.GetValue<string>());
            await PutAsync(stream, "new");
            var (records, _) = await latest.ReadRecordsAsync(1, "the record put after subscribing at LATEST");
            Assert.Equal("new", DataText(records[0]));
        }

        _server.Time.Shift(TimeSpan.FromSeconds(5));
        await using var at = await EventSubscription.OpenAsync(Http, Subscribe(consumer, "AT_SEQUENCE_NUMBER", stored[1]));
        var (fromSecond, _) = await at.ReadRecordsAsync(2, "the records from the second one");
        Assert.Equal(["old-2", "new"], fromSecond.Select(DataText));
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task ClosedShard_LastEventHasChildShardsAndNoContinuation_ThenTheResponseEnds(string version)
    {
        var (stream, consumer) = await StreamWithConsumerAsync("sub-split", 1);
        await PutAsync(stream, "before-split");
        await Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = Shard0, NewStartingHashKey = Half });

        await using var subscription = await EventSubscription.OpenAsync(Client(version), Subscribe(consumer, "TRIM_HORIZON"));
        JsonNode last;
        var records = new List<string>();
        do
        {
            last = await subscription.NextEventAsync("events up to the end of the closed shard");
            records.AddRange(last["Records"]!.AsArray().Select(r => DataText(r!)));
        }
        while (last["ChildShards"] is null);

        Assert.Equal(["before-split"], records);
        Assert.Null(last["ContinuationSequenceNumber"]);
        var children = last["ChildShards"]!.AsArray();
        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], children.Select(c => c!["ShardId"]!.GetValue<string>()));
        Assert.All(children, c => Assert.Equal([Shard0], c!["ParentShards"]!.AsArray().Select(p => p!.GetValue<string>())));
        Assert.Null(await subscription.NextAsync("the end of the response after the shard end"));
    }

    [Fact]
    public async Task SecondSubscription_Within5Seconds_IsResourceInUse_After5Seconds_TakesOver_AndTheFirstEndsWithResourceInUse()
    {
        var (stream, consumer) = await StreamWithConsumerAsync("sub-takeover", 1);
        await using var first = await EventSubscription.OpenAsync(_server.Http2, Subscribe(consumer, "LATEST"));
        await first.NextEventAsync("the first subscription's first event");

        var (refused, error) = await EventSubscription.StartAsync(Http, Subscribe(consumer, "LATEST"));
        Assert.Null(refused);
        error!.AssertError("ResourceInUseException");

        _server.Time.Shift(TimeSpan.FromSeconds(5));
        await using var second = await EventSubscription.OpenAsync(Http, Subscribe(consumer, "LATEST"));
        var ended = await NextExceptionAsync(first, "the taken-over subscription's exception");
        Assert.Equal("ResourceInUseException", ended.Header(":exception-type"));
        Assert.Null(await first.NextAsync("the end of the taken-over response"));

        await PutAsync(stream, "for-the-second");
        var (records, _) = await second.ReadRecordsAsync(1, "the record on the subscription that took over");
        Assert.Equal("for-the-second", DataText(records[0]));
    }

    [Fact]
    public async Task DeregisteringTheConsumer_EndsItsSubscription_WithResourceNotFound()
    {
        var (stream, consumer) = await StreamWithConsumerAsync("sub-deregister", 1);
        await using var subscription = await EventSubscription.OpenAsync(Http, Subscribe(consumer, "TRIM_HORIZON"));
        await subscription.NextEventAsync("the first event");

        await Http.OkAsync("DeregisterStreamConsumer", new { ConsumerARN = consumer });

        var ended = await NextExceptionAsync(subscription, "the exception after deregistration");
        Assert.Equal("ResourceNotFoundException", ended.Header(":exception-type"));
        Assert.Contains(consumer, Encoding.UTF8.GetString(ended.Payload), StringComparison.Ordinal);
        Assert.Null(await subscription.NextAsync("the end of the response after deregistration"));
        Assert.NotNull(stream);
    }

    [Fact]
    public async Task Errors_BeforeStreaming_AreJsonErrorsWithAwsTypes()
    {
        var (stream, consumer) = await StreamWithConsumerAsync("sub-errors", 1);
        var unknown = consumer[..consumer.LastIndexOf('/')] + "/nobody:1700000000";

        (await Http.CallAsync("SubscribeToShard", new { ConsumerARN = consumer, ShardId = Shard0 }))
            .AssertError("ValidationException", "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null");
        (await Http.CallAsync("SubscribeToShard", Subscribe(consumer, "NEWEST")))
            .AssertError("ValidationException");
        (await Http.CallAsync("SubscribeToShard", Subscribe(unknown, "LATEST")))
            .AssertError("ResourceNotFoundException");
        (await Http.CallAsync("SubscribeToShard", new { ConsumerARN = consumer, ShardId = "shardId-000000000009", StartingPosition = new { Type = "LATEST" } }))
            .AssertError("ResourceNotFoundException", $"Shard shardId-000000000009 in stream {stream} under account 000000000000 does not exist");
        (await Http.CallAsync("SubscribeToShard", Subscribe(consumer, "AFTER_SEQUENCE_NUMBER")))
            .AssertError("InvalidArgumentException");
        (await Http.CallAsync("SubscribeToShard", Subscribe(consumer, "AT_SEQUENCE_NUMBER", "12345")))
            .AssertError("InvalidArgumentException");
    }

    internal static object Subscribe(string consumerArn, string type, string? sequence = null)
        => new { ConsumerARN = consumerArn, ShardId = Shard0, StartingPosition = sequence is null ? (object)new { Type = type } : new { Type = type, SequenceNumber = sequence } };

    internal static string DataText(JsonNode record) => Encoding.UTF8.GetString(Convert.FromBase64String(record["Data"]!.GetValue<string>()));

    internal static async Task<EventStreamMessage> NextExceptionAsync(EventSubscription subscription, string awaiting)
    {
        while (true)
        {
            var message = await subscription.NextAsync(awaiting);
            Assert.True(message is not null, $"the response ended while awaiting {awaiting}");
            if (message.Header(":message-type") == "exception")
            {
                Assert.Equal("application/json", message.Header(":content-type"));
                return message;
            }

            Assert.Equal("SubscribeToShardEvent", message.Header(":event-type"));
        }
    }

    private async Task<(string Stream, string ConsumerArn)> StreamWithConsumerAsync(string prefix, int shards)
    {
        var stream = await Streams.CreateActiveAsync(Http, prefix, shards);
        var consumer = await Consumers.RegisterActiveAsync(Http, stream, "efo");
        return (stream, consumer);
    }

    private async Task<List<string>> PutAsync(string stream, params string[] data)
    {
        var sequences = new List<string>();
        foreach (var text in data)
        {
            var put = await Http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "pk", Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) });
            sequences.Add(put!["SequenceNumber"]!.GetValue<string>());
        }

        return sequences;
    }
}
