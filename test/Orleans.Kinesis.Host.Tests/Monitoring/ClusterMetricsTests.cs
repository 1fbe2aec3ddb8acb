using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.TestKit.Azurite;
using static Orleans.Kinesis.Host.Tests.Monitoring.MetricReader;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>
/// Two host processes on one Azurite container: each archives its datapoints there, and a CloudWatch query on either
/// node answers for both (the other node's series are read from its archive).
/// </summary>
[Trait("Area", "Monitoring")]
public sealed class ClusterMetricsTests
{
    [Fact]
    public async Task TwoNodesSharingAContainer_EachAnswersForTheOthersTraffic()
    {
        using var data = new TempDataDirectory("kinesis-cluster-metrics");
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        string[] blob = ["--storage", "blob", "--blob-connection-string", azurite.ConnectionString];
        await using var first = await ServerProcess.StartAsync(data.Path, extraArguments: blob);
        using var firstHttp = new KinesisHttp(first.Endpoint, new Version(1, 1));
        var alpha = await Streams.CreateActiveAsync(firstHttp, "alpha", 1);
        await firstHttp.OkAsync("PutRecords", new { StreamName = alpha, Records = Enumerable.Range(0, 3).Select(_ => new { PartitionKey = "a", Data = "AAAA" }) });

        // The second node writes its own stream (two silos that are not one cluster must not share a stream's log),
        // then stops: its archive is written on shutdown, as every minute while it runs.
        await using var second = await ServerProcess.StartAsync(data.Path, extraArguments: blob);
        string beta;
        using (var secondHttp = new KinesisHttp(second.Endpoint, new Version(1, 1)))
        {
            beta = await Streams.CreateActiveAsync(secondHttp, "beta", 1);
            await secondHttp.OkAsync("PutRecords", new { StreamName = beta, Records = Enumerable.Range(0, 5).Select(_ => new { PartitionKey = "b", Data = "AAAA" }) });
        }

        Assert.Equal(0, await second.StopGracefullyAsync());

        using var metrics = new MetricReader(first.Endpoint, TimeProvider.System);
        var points = await metrics.JsDatapointsAsync(
            StatisticsQuery(KinesisNs, "IncomingRecords", Stream(alpha), "Sum"),
            StatisticsQuery(KinesisNs, "IncomingRecords", Stream(beta), "Sum", "SampleCount"));
        Assert.Equal(3, Value(points[0], "Sum")); // this node's live series
        Assert.Equal(5, Value(points[1], "Sum")); // the other node's archive
        Assert.Equal(1, Value(points[1], "SampleCount"));

        var listed = await metrics.JsAsync(list: [new { @namespace = KinesisNs, metric = "IncomingRecords" }]);
        var streams = listed["list"]![0]!["Metrics"]!.AsArray().Select(m => m!["Dimensions"]![0]!["Value"]!.GetValue<string>()).ToList();
        Assert.Contains(alpha, streams);
        Assert.Contains(beta, streams);
        Assert.Equal(0, await first.StopGracefullyAsync());
    }
}
