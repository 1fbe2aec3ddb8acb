using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using static Orleans.Kinesis.Host.Tests.Monitoring.MetricReader;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>The CloudWatch datapoints survive a restart: the node archives them in its storage and loads the last hour back.</summary>
[Trait("Area", "Monitoring")]
public sealed class MetricArchiveTests
{
    [Fact]
    public async Task Restart_KeepsTheLastHoursDatapoints()
    {
        using var data = new TempDataDirectory("kinesis-metric-archive");
        string stream;
        await using (var first = await ServerProcess.StartAsync(data.Path))
        {
            using var http = new KinesisHttp(first.Endpoint, new Version(1, 1));
            stream = await Streams.CreateActiveAsync(http, "archive", 1);
            await http.OkAsync("PutRecords", new { StreamName = stream, Records = Enumerable.Range(0, 6).Select(_ => new { PartitionKey = "p", Data = Convert.ToBase64String(Encoding.ASCII.GetBytes("abc")) }) });
            Assert.Equal(0, await first.StopGracefullyAsync());
        }

        await using var second = await ServerProcess.StartAsync(data.Path);
        using var metrics = new MetricReader(second.Endpoint, TimeProvider.System);
        var points = await metrics.JsDatapointsAsync(
            StatisticsQuery(KinesisNs, "IncomingRecords", Stream(stream), "Sum", "SampleCount"),
            StatisticsQuery(KinesisNs, "IncomingBytes", Stream(stream), "Sum"));
        Assert.Equal(6, Value(points[0], "Sum"));
        Assert.Equal(1, Value(points[0], "SampleCount"));
        Assert.Equal(6 * 4, Value(points[1], "Sum"));
    }
}
