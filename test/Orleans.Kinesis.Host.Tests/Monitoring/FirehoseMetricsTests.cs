using Orleans.Kinesis.Host.Tests.Firehose;
using static Orleans.Kinesis.Host.Tests.Monitoring.MetricReader;

namespace Orleans.Kinesis.Host.Tests.Monitoring;

/// <summary>AWS/Firehose after a put, a Lambda-contract transform and a delivery to the bucket, read with the JS SDK and the CLI.</summary>
[Collection(FirehoseCollection.Name)]
[Trait("Area", "Monitoring")]
public sealed class FirehoseMetricsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly FirehoseServer _server;

    public FirehoseMetricsTests(FirehoseFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task DeliveryWithTransform_ReportsIngestionProcessingAndDelivery()
    {
        var name = "cw-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateAsync(name, new
        {
            RoleARN = "arn:aws:iam::000000000000:role/firehose",
            BucketARN = "arn:aws:s3:::" + name,
            BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
            ProcessingConfiguration = new
            {
                Enabled = true,
                Processors = new[]
                {
                    new { Type = "Lambda", Parameters = new[] { new { ParameterName = "LambdaArn", ParameterValue = TransformHooks.Arn("rewrite") } } },
                },
            },
        });
        await _server.PutBatchAsync(name, ["hello"u8.ToArray(), "drop me"u8.ToArray(), "fail me"u8.ToArray(), "world"u8.ToArray()]);
        await _server.WaitForObjectsAsync(name, 2);

        using var metrics = new MetricReader(_server.Endpoint, _server.Time);
        var dims = new Dictionary<string, string> { ["DeliveryStreamName"] = name };
        var queries = new[]
        {
            StatisticsQuery(FirehoseNs, "IncomingRecords", dims, "Sum", "SampleCount"),
            StatisticsQuery(FirehoseNs, "IncomingBytes", dims, "Sum"),
            StatisticsQuery(FirehoseNs, "PutRecordBatch.Records", dims, "Sum"),
            StatisticsQuery(FirehoseNs, "ExecuteProcessing.Success", dims, "Sum", "SampleCount"),
            StatisticsQuery(FirehoseNs, "SucceedProcessing.Records", dims, "Sum"),
            StatisticsQuery(FirehoseNs, "DeliveryToS3.Records", dims, "Sum"),
            StatisticsQuery(FirehoseNs, "DeliveryToS3.Bytes", dims, "Sum"),
            StatisticsQuery(FirehoseNs, "DeliveryToS3.ObjectCount", dims, "Sum"),
            StatisticsQuery(FirehoseNs, "DeliveryToS3.Success", dims, "Sum", "Average"),
            StatisticsQuery(FirehoseNs, "DeliveryToS3.DataFreshness", dims, "SampleCount"),
            StatisticsQuery(FirehoseNs, "ThrottledRecords", dims, "Sum", "SampleCount"),
        };

        // The objects are visible a moment before the delivery records its metrics: wait (bounded) for them.
        var deadline = DateTime.UtcNow + Bound;
        var points = await metrics.JsDatapointsAsync(queries);
        while (points[8] is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "DeliveryToS3.Success was not reported after the objects appeared");
            points = await metrics.JsDatapointsAsync(queries);
        }

        Assert.Equal(4, Value(points[0], "Sum"));
        Assert.Equal(1, Value(points[0], "SampleCount"));
        Assert.Equal(5 + 7 + 7 + 5, Value(points[1], "Sum"));
        Assert.Equal(4, Value(points[2], "Sum"));
        Assert.Equal(1, Value(points[3], "Sum"));
        Assert.Equal(1, Value(points[3], "SampleCount"));
        Assert.Equal(3, Value(points[4], "Sum")); // Ok and Dropped count as processed; ProcessingFailed does not
        Assert.Equal(2, Value(points[5], "Sum"));
        Assert.Equal("HELLO\nWORLD\n".Length, Value(points[6], "Sum"));
        Assert.Equal(2, Value(points[7], "Sum")); // the data object and the processing-failed object
        Assert.Equal(1, Value(points[8], "Sum"));
        Assert.Equal(1, Value(points[8], "Average"));
        Assert.Equal(1, Value(points[9], "SampleCount"));
        Assert.Equal(0, Value(points[10], "Sum")); // no ingest quota here: one sample of 0 per put
        Assert.Equal(1, Value(points[10], "SampleCount"));

        var cli = await metrics.CliDatapointAsync(FirehoseNs, "DeliveryToS3.Records", dims, "Sum");
        Assert.Equal(2, Value(cli, "Sum"));
    }
}
