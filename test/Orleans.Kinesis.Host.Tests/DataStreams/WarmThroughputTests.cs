using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>UpdateStreamWarmThroughput, on a server of its own (it needs the account's billing commitment on).</summary>
[Trait("Area", "OnDemandScaling")]
public sealed class WarmThroughputTests : IAsyncLifetime
{
    private WebApplication? _app;
    private KinesisHttp _http = null!;

    public async Task InitializeAsync()
    {
        _app = KinesisServer.Build(new KinesisHostOptions { Port = 0, InMemory = true, ThroughputLimits = false, ControlPlaneLimits = false });
        await _app.StartAsync();
        _http = new KinesisHttp(KinesisServer.Endpoint(_app), new Version(1, 1));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task WarmThroughput_NeedsOnDemandAndACommitment_ThenSplitsToAShardPerMiBps()
    {
        await _http.OkAsync("CreateStream", new { StreamName = "warm", StreamModeDetails = new { StreamMode = "ON_DEMAND" } });
        await _http.OkAsync("CreateStream", new { StreamName = "fixed", ShardCount = 2 });
        await Streams.WaitForStatusAsync(_http, "warm", "ACTIVE");
        await Streams.WaitForStatusAsync(_http, "fixed", "ACTIVE");

        var noCommitment = await _http.CallAsync("UpdateStreamWarmThroughput", new { StreamName = "warm", WarmThroughputMiBps = 10 });
        await _http.OkAsync("UpdateAccountSettings", new { MinimumThroughputBillingCommitment = new { Status = "ENABLED" } });
        var provisioned = await _http.CallAsync("UpdateStreamWarmThroughput", new { StreamName = "fixed", WarmThroughputMiBps = 10 });
        var tooMuch = await _http.CallAsync("UpdateStreamWarmThroughput", new { StreamName = "warm", WarmThroughputMiBps = 10241 });
        var missing = await _http.CallAsync("UpdateStreamWarmThroughput", new { StreamName = "warm" });
        var warmed = await _http.OkAsync("UpdateStreamWarmThroughput", new { StreamName = "warm", WarmThroughputMiBps = 10 });
        await Streams.WaitForStatusAsync(_http, "warm", "ACTIVE");
        var summary = (await _http.OkAsync("DescribeStreamSummary", new { StreamName = "warm" }))!["StreamDescriptionSummary"]!;
        var shards = (await _http.OkAsync("ListShards", new { StreamName = "warm", ShardFilter = new { Type = "AT_LATEST" } }))!["Shards"]!.AsArray();

        Assert.Equal("InvalidArgumentException", noCommitment.ErrorType);
        Assert.Equal("InvalidArgumentException", provisioned.ErrorType);
        Assert.Equal("InvalidArgumentException", tooMuch.ErrorType);
        missing.AssertError("ValidationException",
            "1 validation error detected: Value null at 'warmThroughputMiBps' failed to satisfy constraint: Member must not be null");
        Assert.Equal("warm", warmed!["StreamName"]!.GetValue<string>());
        Assert.Equal(10, warmed["WarmThroughput"]!["TargetMiBps"]!.GetValue<int>());
        Assert.Equal(10, warmed["WarmThroughput"]!["CurrentMiBps"]!.GetValue<int>());
        Assert.Equal(10, summary["OpenShardCount"]!.GetValue<int>());
        Assert.Equal(10, summary["WarmThroughput"]!["TargetMiBps"]!.GetValue<int>());
        Assert.Equal(10, shards.Count);

        // The open shards still cover the whole hash key space without gaps.
        var ranges = shards.Select(s => (Start: System.Numerics.BigInteger.Parse(s!["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>()),
            End: System.Numerics.BigInteger.Parse(s["HashKeyRange"]!["EndingHashKey"]!.GetValue<string>()))).OrderBy(r => r.Start).ToList();
        Assert.Equal(System.Numerics.BigInteger.Zero, ranges[0].Start);
        Assert.Equal(System.Numerics.BigInteger.Pow(2, 128) - 1, ranges[^1].End);
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.Equal(ranges[i - 1].End + 1, ranges[i].Start);
        }
    }
}
