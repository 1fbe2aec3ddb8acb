using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Grains;
using Orleans.Kinesis.Grains.Firehose;
using Orleans.Kinesis.Grains.Tests.Infrastructure;
using Orleans.Kinesis.Storage.Objects;

namespace Orleans.Kinesis.Grains.Tests.Firehose;

/// <summary>Delivery streams deliver on their own grain timer and keep a reminder that outlives their activation.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class DeliveryStreamGrainTests
{
    private readonly GrainClusterFixture _fixture;

    public DeliveryStreamGrainTests(GrainClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Timer_DeliversOnceTheBufferingIntervalHasPassed()
    {
        var bucket = "timer-" + Guid.NewGuid().ToString("N")[..8];
        var stream = await CreateAsync(bucket, intervalSeconds: 60);
        await stream.PutAsync([new byte[] { 1, 2, 3 }, new byte[] { 4, 5 }]);

        _fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await stream.DescribeAsync(); // queued behind any tick the clock fired
        Assert.Empty(await ObjectsAsync(bucket));

        var objects = await WaitForObjectsAsync(stream, bucket);
        var content = await Objects.GetAsync(bucket, objects[0], CancellationToken.None);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, content);
    }

    [Fact]
    public async Task Reminder_SurvivesDeactivationAndGoesWithTheStream()
    {
        var bucket = "reminder-" + Guid.NewGuid().ToString("N")[..8];
        var stream = await CreateAsync(bucket, intervalSeconds: 60);
        var grainId = stream.GetGrainId();
        var reminders = _fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        Assert.NotNull(await reminders.ReadRow(grainId, DeliverySchedule.ReminderName));

        await stream.PutAsync([new byte[] { 7 }]);
        var management = _fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.NotNull(await reminders.ReadRow(grainId, DeliverySchedule.ReminderName));

        // A new activation (as the reminder or the silo start makes) re-arms the timer and delivers the buffered record.
        await stream.ResumeAsync();
        var objects = await WaitForObjectsAsync(stream, bucket);
        Assert.Equal(new byte[] { 7 }, await Objects.GetAsync(bucket, objects[0], CancellationToken.None));

        await stream.DeleteAsync();
        Assert.Null(await reminders.ReadRow(grainId, DeliverySchedule.ReminderName));
    }

    private IObjectStore Objects => _fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IObjectStore>();

    private async Task<IDeliveryStreamGrain> CreateAsync(string bucket, int intervalSeconds)
    {
        var stream = _fixture.Grains.GetGrain<IDeliveryStreamGrain>(bucket);
        await stream.CreateAsync(new DeliveryStreamDefinition
        {
            Name = bucket,
            Destination = new S3DestinationSettings { BucketArn = "arn:aws:s3:::" + bucket, IntervalInSeconds = intervalSeconds },
        });
        _fixture.Clock.Advance(TimeSpan.FromSeconds(10)); // past the fixture's creation delay
        Assert.Equal("ACTIVE", (await stream.DescribeAsync()).Status);
        return stream;
    }

    /// <summary>Moves the clock a second at a time (bounded) until the stream's timer has delivered an object.</summary>
    private async Task<List<string>> WaitForObjectsAsync(IDeliveryStreamGrain stream, string bucket)
    {
        for (var second = 0; second < 120; second++)
        {
            _fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            await stream.DescribeAsync();
            if (await ObjectsAsync(bucket) is { Count: > 0 } objects)
            {
                return objects;
            }
        }

        throw new TimeoutException($"delivery stream {bucket}: no object delivered within 120 s of clock time");
    }

    private async Task<List<string>> ObjectsAsync(string bucket)
    {
        var names = new List<string>();
        await Objects.EnsureContainerAsync(bucket, CancellationToken.None);
        await foreach (var name in Objects.ListAsync(bucket, "", CancellationToken.None))
        {
            names.Add(name);
        }

        return names;
    }
}
