using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.DataStreams;

/// <summary>Per-shard throughput limits, on by default as on AWS, answered with ProvisionedThroughputExceededException.</summary>
[Trait("Area", "DataStreams")]
public sealed class ThroughputLimitTests : IAsyncLifetime
{
    private WebApplication? _app;
    private KinesisHttp _http = null!;

    public async Task InitializeAsync()
    {
        _app = KinesisServer.Build(new KinesisHostOptions { Port = 0, InMemory = true, ControlPlaneLimits = false });
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
    public async Task PutRecords_OverAThousandRecordsPerSecond_FailsOnlyTheExcessEntries()
    {
        var stream = await Streams.CreateActiveAsync(_http, "limits", 1);
        var batch = Enumerable.Range(0, 500).Select(i => new { Data = "AAAA", PartitionKey = "k" + i }).ToArray();

        var failed = 0;
        string? message = null;
        for (var call = 0; call < 6; call++)
        {
            var response = await _http.OkAsync("PutRecords", new { StreamName = stream, Records = batch });
            failed += response!["FailedRecordCount"]!.GetValue<int>();
            foreach (var result in response["Records"]!.AsArray())
            {
                if (result!["ErrorCode"] is { } code)
                {
                    Assert.Equal("ProvisionedThroughputExceededException", code.GetValue<string>());
                    message = result["ErrorMessage"]!.GetValue<string>();
                    Assert.Null(result["SequenceNumber"]);
                }
            }
        }

        var stored = await Streams.ReadAllAsync(_http, stream, "shardId-000000000000");
        Assert.True(failed > 0, "3,000 records sent back to back must exceed 1,000 records/s on one shard");
        Assert.Equal($"Rate exceeded for shard shardId-000000000000 in stream {stream} under account 000000000000.", message);
        Assert.Equal(3000 - failed, stored.Count);
    }

    [Fact]
    public async Task GetRecords_MoreThanFiveCallsPerSecond_IsThrottled()
    {
        var stream = await Streams.CreateActiveAsync(_http, "readlimits", 1);
        var iterator = await Streams.IteratorAsync(_http, stream, "shardId-000000000000", "TRIM_HORIZON");

        KinesisResponse? throttled = null;
        for (var call = 0; call < 30 && throttled is null; call++)
        {
            var response = await _http.CallAsync("GetRecords", new { ShardIterator = iterator });
            if (response.ErrorType is not null)
            {
                throttled = response;
            }
        }

        Assert.NotNull(throttled);
        throttled!.AssertError("ProvisionedThroughputExceededException",
            $"Rate exceeded for shard shardId-000000000000 in stream {stream} under account 000000000000.");
    }
}
