using Microsoft.Extensions.Options;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Gateway;
using Orleans.Kinesis.Gateway.Throttling;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>Client input never grows server state without bound: the per-stream limiter keeps only recent, valid names.</summary>
[Trait("Area", "Security")]
public sealed class BoundedStateTests
{
    private readonly ManualClock _clock = new();
    private readonly ControlPlaneLimits _limits;

    public BoundedStateTests()
        => _limits = new ControlPlaneLimits(Options.Create(new GatewayOptions()), Options.Create(new KinesisServiceOptions()), _clock);

    [Fact]
    public void InvalidStreamNames_KeepNoLimiterEntry()
    {
        for (var i = 0; i < 5_000; i++)
        {
            Assert.Null(_limits.Check(KinesisOperation.ListShards, Body(new string('x', 200) + i)));
            Assert.Null(_limits.Check(KinesisOperation.DescribeStreamConsumer, Body("bad name " + i)));
        }

        Assert.Equal(0, _limits.BucketCount);
    }

    [Fact]
    public void ManyDistinctValidNames_StayUnderTheCap_AndIdleEntriesExpire()
    {
        for (var i = 0; i < ControlPlaneLimits.MaxBuckets * 2; i++)
        {
            _limits.Check(KinesisOperation.ListShards, Body("stream-" + i));
        }

        Assert.Equal(ControlPlaneLimits.MaxBuckets, _limits.BucketCount);

        _clock.Advance(TimeSpan.FromSeconds(2));
        _limits.Check(KinesisOperation.ListShards, Body("one-more"));

        Assert.Equal(1, _limits.BucketCount);
    }

    [Fact]
    public void AStreamOverItsRate_IsStillLimited()
    {
        var results = Enumerable.Range(0, 6).Select(_ => _limits.Check(KinesisOperation.ListStreamConsumers, Body("busy"))).ToList();

        Assert.All(results.Take(5), Assert.Null);
        Assert.Equal("Rate exceeded for stream busy under account 000000000000.", results[5]!.Message);
    }

    private static byte[] Body(string stream) => System.Text.Encoding.UTF8.GetBytes($$"""{"StreamName":"{{stream}}"}""");
}
