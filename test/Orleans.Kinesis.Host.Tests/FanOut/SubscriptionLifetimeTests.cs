using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.FanOut;

/// <summary>
/// The subscription lifetime is configurable (OrleansKinesis:SubscriptionLifetimeMs): behind a proxy that cuts
/// streams at 240 s, a deployment ends them earlier, e.g. after 200 s.
/// </summary>
[Trait("Area", "FanOut")]
public sealed class SubscriptionLifetimeTests
{
    private static readonly TimeSpan WellBeforeRealHeartbeat = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ConfiguredLifetime_EndsTheSubscriptionThen_NotAfter5Minutes()
    {
        var clock = new ManualClock();
        await using var app = KinesisServer.Build(
            new KinesisHostOptions { Port = 0, InMemory = true, ThroughputLimits = false, ControlPlaneLimits = false, SubscriptionLifetimeMs = 200_000 },
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        using var http = new KinesisHttp(KinesisServer.Endpoint(app), new Version(2, 0));
        var stream = await Streams.CreateActiveAsync(http, "lifetime", 1);
        await http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "pk", Data = Convert.ToBase64String(Encoding.UTF8.GetBytes("x")) });
        var consumer = await Consumers.RegisterActiveAsync(http, stream, "efo");
        await using var subscription = await EventSubscription.OpenAsync(http, SubscribeToShardTests.Subscribe(consumer, "TRIM_HORIZON"));
        await subscription.NextEventAsync("the first event");

        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(5), "the first heartbeat");
        clock.Advance(TimeSpan.FromSeconds(199));
        var stillOpen = await subscription.NextAsync("a heartbeat before the 200 s lifetime is over", WellBeforeRealHeartbeat);
        Assert.Equal("SubscribeToShardEvent", stillOpen?.Header(":event-type"));

        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1), "the end of the 200 s lifetime");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await subscription.NextAsync("the end of the response after 200 s", WellBeforeRealHeartbeat));
        await app.StopAsync();
    }
}
