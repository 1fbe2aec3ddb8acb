using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>Control-plane call rates, on by default as on AWS, answered with LimitExceededException.</summary>
[Trait("Area", "ControlPlaneLimits")]
public sealed class ControlPlaneLimitTests : IAsyncLifetime
{
    private readonly ShiftableTimeProvider _time = new();
    private WebApplication? _app;
    private KinesisHttp _http = null!;

    public async Task InitializeAsync()
    {
        _app = KinesisServer.Build(
            new KinesisHostOptions { Port = 0, InMemory = true },
            configureServices: services => services.AddSingleton<TimeProvider>(_time));
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
    public async Task DescribeLimits_SecondCallWithinASecond_IsRefused_AndAllowedOnceTheSecondPassed()
    {
        _time.Freeze();
        var first = await _http.CallAsync("DescribeLimits", new { });
        var second = await _http.CallAsync("DescribeLimits", new { });
        _time.Shift(TimeSpan.FromSeconds(1));
        var later = await _http.CallAsync("DescribeLimits", new { });

        Assert.Equal(System.Net.HttpStatusCode.OK, first.Status);
        second.AssertError("LimitExceededException", "Rate exceeded for DescribeLimits under account 000000000000.");
        Assert.Equal(System.Net.HttpStatusCode.OK, later.Status);
    }

    [Fact]
    public async Task DescribeStream_OverTenPerSecond_IsRefusedNamingTheStream_WhileDescribeStreamSummaryHasItsOwnRate()
    {
        await _http.OkAsync("CreateStream", new { StreamName = "rated", ShardCount = 1 });
        _time.Freeze();
        var calls = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => _http.CallAsync("DescribeStream", new { StreamName = "rated" })));
        var summary = await _http.CallAsync("DescribeStreamSummary", new { StreamName = "rated" });

        var refused = calls.Where(c => c.ErrorType is not null).ToList();
        Assert.Equal(10, calls.Count(c => c.ErrorType is null));
        Assert.All(refused, r => r.AssertError("LimitExceededException", "Rate exceeded for stream rated under account 000000000000."));
        Assert.Equal(System.Net.HttpStatusCode.OK, summary.Status);
    }

    [Fact]
    public async Task ListShards_IsLimitedPerStream_NotPerAccount()
    {
        await _http.OkAsync("CreateStream", new { StreamName = "busy", ShardCount = 1 });
        _time.Shift(TimeSpan.FromSeconds(1)); // CreateStream's own bucket aside
        await _http.OkAsync("CreateStream", new { StreamName = "quiet", ShardCount = 1 });
        _time.Freeze();
        var busy = await Task.WhenAll(Enumerable.Range(0, 1100).Select(_ => _http.CallAsync("ListShards", new { StreamName = "busy" })));
        var quiet = await _http.CallAsync("ListShards", new { StreamName = "quiet" });

        Assert.Equal(1000, busy.Count(c => c.ErrorType is null));
        Assert.All(busy.Where(c => c.ErrorType is not null), c => c.AssertError("LimitExceededException", "Rate exceeded for stream busy under account 000000000000."));
        Assert.Equal(System.Net.HttpStatusCode.OK, quiet.Status);
    }
}
