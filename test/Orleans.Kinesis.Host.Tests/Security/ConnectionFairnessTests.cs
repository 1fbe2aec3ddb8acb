using System.Net;
using System.Text.Json;
using Orleans.Kinesis.Host.Tests.FanOut;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>
/// Requests per connection are bounded and fair: one HTTP/2 connection with many requests in progress gets its extra
/// requests queued, then refused with the operation's throttling error, while other connections are answered; its
/// slots free as its requests complete, and its limiter goes away with the connection. Synchronised on the server's
/// admission counts, never on time.
/// </summary>
[Trait("Area", "Security")]
public sealed class ConnectionFairnessTests : IClassFixture<AdmissionServerFixture>
{
    private readonly AdmissionServerFixture _server;

    public ConnectionFairnessTests(AdmissionServerFixture server) => _server = server;

    [Fact]
    public async Task GreedyConnection_IsQueuedThenThrottled_WhileAnotherConnectionIsAnswered_AndItsSlotsFreeAsRequestsComplete()
    {
        using var setup = new KinesisHttp(_server.Endpoint, HttpVersion.Version11);
        var stream = await Streams.CreateActiveAsync(setup, "fair", 1);
        var connections = _server.Admissions.Connections;
        var refused = _server.Admissions.RefusedRequests;
        using var greedy = new KinesisHttp(_server.Endpoint, HttpVersion.Version20, maxConnections: 1);

        var (held, heldCalls) = Hold(greedy, stream, AdmissionServerFixture.Permits);
        await _server.UntilAsync(a => a.ActiveRequests == AdmissionServerFixture.Permits, "the held PutRecords hold every slot");
        var queued = greedy.CallAsync("ListShards", new { StreamName = stream });
        await _server.UntilAsync(a => a.QueuedRequests == AdmissionServerFixture.Queue, "a ListShards waits in the queue");

        var put = await greedy.CallAsync("PutRecord", new { StreamName = stream, PartitionKey = "k", Data = "aGk=" });
        var list = await greedy.CallAsync("ListStreams", new { });
        var firehose = await greedy.SendAsync(greedy.Request("Firehose_20150804.PutRecord", JsonSerializer.Serialize(new { DeliveryStreamName = "d", Record = new { Data = "aGk=" } })));
        using var other = new KinesisHttp(_server.Endpoint, HttpVersion.Version20, maxConnections: 1);
        var answered = await other.CallAsync("ListShards", new { StreamName = stream });

        const string Message = "Rate exceeded: this connection already has 2 requests in progress and 1 waiting. Retry later or use another connection.";
        put.AssertError("ProvisionedThroughputExceededException", Message);
        list.AssertError("LimitExceededException", Message);
        firehose.AssertError("ServiceUnavailableException", Message, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(firehose.RequestId);
        Assert.True(answered.Status == HttpStatusCode.OK, $"the other connection's ListShards: {(int)answered.Status} {answered.Text}");
        Assert.Equal(2, answered.Version.Major);
        Assert.Equal(refused + 3, _server.Admissions.RefusedRequests);
        Assert.Equal(AdmissionServerFixture.Queue, _server.Admissions.QueuedRequests); // the ListShards still waits

        foreach (var body in held)
        {
            body.Release();
        }

        foreach (var call in heldCalls)
        {
            var response = await call;
            Assert.True(response.Status == HttpStatusCode.OK, $"held PutRecord: {(int)response.Status} {response.Text}");
        }

        var dequeued = await queued;
        Assert.True(dequeued.Status == HttpStatusCode.OK, $"queued ListShards: {(int)dequeued.Status} {dequeued.Text}");
        await _server.UntilAsync(a => a.ActiveRequests == 0 && a.QueuedRequests == 0, "every slot is free again");
        var (again, againCalls) = Hold(greedy, stream, AdmissionServerFixture.Permits);
        await _server.UntilAsync(a => a.ActiveRequests == AdmissionServerFixture.Permits, "the freed slots are taken again by the same connection");
        foreach (var body in again)
        {
            body.Release();
        }

        await Task.WhenAll(againCalls);
        Assert.Equal(connections + 2, _server.Admissions.Connections);
        greedy.Dispose();
        other.Dispose();
        await _server.UntilAsync(a => a.Connections == connections, "both connections' limiters are gone once they close");
    }

    [Fact]
    public async Task ClosingAConnection_WithHeldAndQueuedRequests_DropsItsLimiter()
    {
        using var setup = new KinesisHttp(_server.Endpoint, HttpVersion.Version11);
        var stream = await Streams.CreateActiveAsync(setup, "fair-close", 1);
        var connections = _server.Admissions.Connections;
        var greedy = new KinesisHttp(_server.Endpoint, HttpVersion.Version20, maxConnections: 1);

        var (held, heldCalls) = Hold(greedy, stream, AdmissionServerFixture.Permits);
        await _server.UntilAsync(a => a.ActiveRequests == AdmissionServerFixture.Permits, "the held PutRecords hold every slot");
        var queued = greedy.CallAsync("ListShards", new { StreamName = stream });
        await _server.UntilAsync(a => a.QueuedRequests == AdmissionServerFixture.Queue, "a ListShards waits in the queue");
        Assert.Equal(connections + 1, _server.Admissions.Connections);

        greedy.Dispose(); // closes the connection with its requests unfinished
        held.ForEach(body => body.Release());

        await _server.UntilAsync(
            a => a.Connections == connections && a.ActiveRequests == 0 && a.QueuedRequests == 0,
            "the closed connection's limiter, slots and queue are gone");
        foreach (var call in heldCalls.Append(queued))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => call); // cancelled by the client's disposal
        }
    }

    [Fact]
    public async Task Subscriptions_HoldNoSlotOnceStreaming_SoShortRequestsOnTheirConnectionAreStillAnswered()
    {
        using var setup = new KinesisHttp(_server.Endpoint, HttpVersion.Version11);
        var subscriptionCount = AdmissionServerFixture.Permits + AdmissionServerFixture.Queue + 1;
        var stream = await Streams.CreateActiveAsync(setup, "fair-sub", subscriptionCount);
        var consumer = await Consumers.RegisterActiveAsync(setup, stream, "efo");
        var connections = _server.Admissions.Connections;
        var shared = new KinesisHttp(_server.Endpoint, HttpVersion.Version20, maxConnections: 1);
        var subscriptions = new List<EventSubscription>();
        try
        {
            for (var shard = 0; shard < subscriptionCount; shard++)
            {
                subscriptions.Add(await EventSubscription.OpenAsync(shared, new
                {
                    ConsumerARN = consumer,
                    ShardId = $"shardId-{shard:D12}",
                    StartingPosition = new { Type = "TRIM_HORIZON" },
                }));
            }

            Assert.Equal(0, _server.Admissions.ActiveRequests);
            var put = await shared.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "k", Data = "aGk=", ExplicitHashKey = "0" });
            var (records, _) = await subscriptions[0].ReadRecordsAsync(1, "the record put on the subscriptions' connection");

            Assert.Equal(put!["SequenceNumber"]!.GetValue<string>(), records[0]["SequenceNumber"]!.GetValue<string>());
            Assert.Equal("hi", SubscribeToShardTests.DataText(records[0]));
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                await subscription.DisposeAsync();
            }

            shared.Dispose();
        }

        await _server.UntilAsync(a => a.Connections == connections, "the subscriptions' connection's limiter is gone once it closes");
    }

    /// <summary>Starts <paramref name="count"/> PutRecords whose bodies stay incomplete until released.</summary>
    private static (List<HeldBody> Bodies, List<Task<KinesisResponse>> Calls) Hold(KinesisHttp http, string stream, int count)
    {
        var bodies = new List<HeldBody>();
        var calls = new List<Task<KinesisResponse>>();
        for (var i = 0; i < count; i++)
        {
            var body = new HeldBody(JsonSerializer.Serialize(new { StreamName = stream, PartitionKey = "held" + i, Data = "aGk=" }));
            var request = http.Request("Kinesis_20131202.PutRecord", null);
            request.Content = body;
            bodies.Add(body);
            calls.Add(http.SendAsync(request));
        }

        return (bodies, calls);
    }
}
