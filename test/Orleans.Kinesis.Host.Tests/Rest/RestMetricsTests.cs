using System.Net;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Rest;

/// <summary>GET /api/v1/metrics reads the server's CloudWatch-compatible store: the figures of the traffic just sent.</summary>
[Trait("Area", "Rest")]
public sealed class RestMetricsTests : IClassFixture<RestServer>, IClassFixture<RestMetricsTests.NoMetricsServer>
{
    private readonly RestServer _server;
    private readonly NoMetricsServer _noMetrics;

    public RestMetricsTests(RestServer server, NoMetricsServer noMetrics)
    {
        _server = server;
        _noMetrics = noMetrics;
    }

    [Fact]
    public async Task Metrics_AfterRestPuts_AnswerTheStreamsIncomingRecordsAndBytes()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-metrics", 2);
        (await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { records = new[] { new { partitionKey = "a", text = "one" }, new { partitionKey = "b", text = "two" }, new { partitionKey = "c", text = "six" } } }))
            .Ok(); // a batch answers 200 with per-record results
        (await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { partitionKey = "dd", text = "four" })).Ok(HttpStatusCode.Created);

        var records = (await _server.Rest.GetAsync($"/api/v1/metrics?namespace=AWS/Kinesis&metric=IncomingRecords&stream={name}&minutes=15")).Ok();
        Assert.Equal("AWS/Kinesis", records["namespace"]!.GetValue<string>());
        Assert.Equal(name, records["dimensions"]!["StreamName"]!.GetValue<string>());
        Assert.Equal(60, records["periodSeconds"]!.GetValue<int>());
        Assert.Equal(4, Total(records, "sum"));
        Assert.Equal(2, Total(records, "sampleCount")); // one sample per call

        // Bytes count the partition key and the data: 3 × (1 + 3) + (2 + 4).
        var bytes = (await _server.Rest.GetAsync($"/api/v1/metrics?metric=IncomingBytes&stream={name}")).Ok();
        Assert.Equal(18, Total(bytes, "sum"));
    }

    [Fact]
    public async Task ShardMetrics_TurnedOn_GiveEachShardItsSeries_AndTurnedOff_StopThem()
    {
        var name = await Streams.CreateActiveAsync(_server.Aws, "rest-shard-metrics", 1);
        var on = (await _server.Rest.PostAsync($"/api/v1/streams/{name}/shard-metrics", new { enabled = true })).Ok();
        Assert.Contains("IncomingRecords", on["shardLevelMetrics"]!.AsArray().Select(m => m!.GetValue<string>()));
        (await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { partitionKey = "k", text = "x" })).Ok(HttpStatusCode.Created);
        var shard = (await _server.Rest.GetAsync($"/api/v1/metrics?metric=IncomingRecords&stream={name}&shard=shardId-000000000000")).Ok();
        Assert.Equal(1, Total(shard, "sum"));

        var off = (await _server.Rest.PostAsync($"/api/v1/streams/{name}/shard-metrics", new { enabled = false })).Ok();
        Assert.Empty(off["shardLevelMetrics"]!.AsArray());
        (await _server.Rest.PostAsync($"/api/v1/streams/{name}/records", new { partitionKey = "k", text = "y" })).Ok(HttpStatusCode.Created);
        shard = (await _server.Rest.GetAsync($"/api/v1/metrics?metric=IncomingRecords&stream={name}&shard=shardId-000000000000")).Ok();
        Assert.Equal(1, Total(shard, "sum"));
    }

    [Fact]
    public async Task ShardMetrics_OfAMissingStream_IsResourceNotFound()
        => (await _server.Rest.PostAsync("/api/v1/streams/no-such-stream/shard-metrics", new { enabled = true }))
            .Problem(HttpStatusCode.NotFound, "ResourceNotFoundException");

    [Fact]
    public async Task Metrics_UnknownSeries_AnswerNoPoints()
    {
        var series = (await _server.Rest.GetAsync("/api/v1/metrics?metric=IncomingRecords&stream=never-written")).Ok();
        Assert.Empty(series["points"]!.AsArray());
    }

    [Fact]
    public async Task Metrics_WhenTheServerCollectsNone_Answer501NotAvailable()
    {
        var response = await _noMetrics.Rest.GetAsync("/api/v1/metrics?namespace=AWS/Kinesis&metric=IncomingRecords&stream=orders&minutes=15");
        Assert.Equal("Metrics are not available: this server collects no metrics (--no-metrics).",
            response.Problem(HttpStatusCode.NotImplemented, "MetricsNotAvailableException"));
    }

    [Theory]
    [InlineData("/api/v1/metrics?stream=orders")]
    [InlineData("/api/v1/metrics?metric=IncomingRecords&minutes=0")]
    [InlineData("/api/v1/metrics?metric=IncomingRecords&period=90")]
    public async Task Metrics_BadQuery_IsInvalidArgument(string path)
        => (await _server.Rest.GetAsync(path)).Problem(HttpStatusCode.BadRequest, "InvalidArgumentException");

    private static double Total(JsonNode series, string statistic)
        => series["points"]!.AsArray().Sum(point => point![statistic]!.GetValue<double>());

    /// <summary>A server started with <c>--no-metrics</c>.</summary>
    public sealed class NoMetricsServer : RestServer
    {
        protected override void Configure(KinesisHostOptions options) => options.Metrics = false;
    }
}
