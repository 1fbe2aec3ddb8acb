using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.FanOut;

/// <summary>SubscribeToShard's time rules on a clock that moves only when the test advances it: heartbeats, lifetime, call rate.</summary>
[Collection(ManualClockCollection.Name)]
[Trait("Area", "FanOut")]
public sealed class SubscriptionClockTests
{
    /// <summary>Far less than the 5 s heartbeat interval: an event that arrives within it was caused by advancing the clock.</summary>
    private static readonly TimeSpan WellBeforeRealHeartbeat = TimeSpan.FromSeconds(3);

    private readonly ManualClockFixture _server;

    public SubscriptionClockTests(ManualClockFixture server) => _server = server;

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task IdleSubscription_SendsAnEmptyEventEvery5Seconds_WithTheSameContinuation(string version)
    {
        var consumer = await ConsumerAsync("clock-heartbeat");
        var http = version == "2.0" ? _server.Http2 : _server.Http1;
        await using var subscription = await EventSubscription.OpenAsync(http, SubscribeToShardTests.Subscribe(consumer, "LATEST"));
        var first = await subscription.NextEventAsync("the first event");

        for (var beat = 1; beat <= 3; beat++)
        {
            await _server.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(5), $"heartbeat {beat}");
            _server.Clock.Advance(TimeSpan.FromSeconds(5));
            var heartbeat = await subscription.NextEventAsync($"heartbeat {beat} after advancing 5 s", WellBeforeRealHeartbeat);
            Assert.Empty(heartbeat["Records"]!.AsArray());
            Assert.Equal(first["ContinuationSequenceNumber"]!.GetValue<string>(), heartbeat["ContinuationSequenceNumber"]!.GetValue<string>());
            Assert.Equal(0, heartbeat["MillisBehindLatest"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Subscription_EndsNormallyAfter5Minutes()
    {
        var consumer = await ConsumerAsync("clock-lifetime");
        await using var subscription = await EventSubscription.OpenAsync(_server.Http2, SubscribeToShardTests.Subscribe(consumer, "TRIM_HORIZON"));
        await subscription.NextEventAsync("the first event");

        await _server.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(5), "the first heartbeat");
        _server.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var stillOpen = await subscription.NextAsync("a heartbeat before the lifetime is over", WellBeforeRealHeartbeat);
        Assert.NotNull(stillOpen);
        Assert.Equal("SubscribeToShardEvent", stillOpen.Header(":event-type"));

        await _server.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1), "the end of the lifetime");
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await subscription.NextAsync("the end of the response after 5 minutes", WellBeforeRealHeartbeat));
    }

    [Fact]
    public async Task MoreThanOneCallPerSecond_IsLimitExceeded_EvenWithNoActiveSubscription()
    {
        var consumer = await ConsumerAsync("clock-rate");
        var http = _server.Http1;
        var body = SubscribeToShardTests.Subscribe(consumer, "LATEST");
        await (await EventSubscription.OpenAsync(http, body)).DisposeAsync();

        // Until the ended subscription's lease is released the answer is ResourceInUse; after that, with the clock
        // still at the first call's second, it is LimitExceeded.
        KinesisResponse? error;
        var attempts = 0;
        do
        {
            (var unexpected, error) = await EventSubscription.StartAsync(http, body);
            Assert.Null(unexpected);
            Assert.True(++attempts < 10_000, $"still {error!.ErrorType} after {attempts} calls");
        }
        while (error!.ErrorType == "ResourceInUseException");

        error.AssertError("LimitExceededException");
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        await using var allowed = await EventSubscription.OpenAsync(http, body);
        Assert.Equal("SubscribeToShardEvent", (await allowed.NextAsync("the first event after a second"))!.Header(":event-type"));
    }

    private async Task<string> ConsumerAsync(string prefix)
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, prefix, 1);
        await _server.Http1.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "pk", Data = Convert.ToBase64String(Encoding.UTF8.GetBytes("x")) });
        return await Consumers.RegisterActiveAsync(_server.Http1, stream, "efo");
    }
}
