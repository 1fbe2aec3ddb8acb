using Orleans.Kinesis.Grains.Firehose;

namespace Orleans.Kinesis.Host.Tests.Security;

/// <summary>A delivery that keeps failing waits exponentially longer, logs once per step, and starts over after a success.</summary>
[Trait("Area", "Security")]
public sealed class DeliveryBackoffTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RepeatedFailures_DoubleTheWaitUpToTheCap_AndOnlyNewStepsAreLogged()
    {
        var backoff = new DeliveryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var waits = new List<double>();
        var logged = new List<bool>();
        var now = Start;
        for (var i = 0; i < 8; i++)
        {
            logged.Add(backoff.Failed(now));
            waits.Add(backoff.Wait.TotalSeconds);
            Assert.False(backoff.IsDue(now + backoff.Wait - TimeSpan.FromMilliseconds(1)));
            now += backoff.Wait;
            Assert.True(backoff.IsDue(now));
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
        Assert.Equal([true, true, true, true, true, true, false, false], logged);
    }

    [Fact]
    public void ASuccess_ResetsTheBackoff()
    {
        var backoff = new DeliveryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        backoff.Failed(Start);
        backoff.Failed(Start);

        backoff.Succeeded();

        Assert.True(backoff.IsDue(Start));
        Assert.Equal(0, backoff.ConsecutiveFailures);
        Assert.True(backoff.Failed(Start));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Wait);
    }
}
