using System.Net;
using System.Text;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>KinesisStreamAsSource: a stream of this server delivered through a delivery stream, across a split.</summary>
[Collection(FirehoseCollection.Name)]
[Trait("Area", "Firehose")]
public sealed class KinesisSourceTests
{
    private readonly FirehoseServer _server;
    private readonly TransformHooks _hooks;

    public KinesisSourceTests(FirehoseFixture fixture)
    {
        _server = fixture.Server;
        _hooks = fixture.Hooks;
    }

    [Fact]
    public async Task StreamSource_TransformEventCarriesKinesisRecordMetadata()
    {
        var stream = "meta-" + Guid.NewGuid().ToString("N")[..8];
        var name = "from-" + stream;
        await _server.Http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
        await WaitForActiveAsync(stream);
        var streamArn = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";
        await _server.OkAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = name,
            DeliveryStreamType = "KinesisStreamAsSource",
            KinesisStreamSourceConfiguration = new { KinesisStreamARN = streamArn, RoleARN = "arn:aws:iam::000000000000:role/firehose" },
            ExtendedS3DestinationConfiguration = new
            {
                RoleARN = "arn:aws:iam::000000000000:role/firehose",
                BucketARN = "arn:aws:s3:::" + name,
                BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
                ProcessingConfiguration = new
                {
                    Enabled = true,
                    Processors = new[] { new { Type = "Lambda", Parameters = new[] { new { ParameterName = "LambdaArn", ParameterValue = TransformHooks.Arn("rewrite") } } } },
                },
            },
        });
        var put = await _server.Http.OkAsync("PutRecord", new { StreamName = stream, Data = Convert.ToBase64String("payload"u8.ToArray()), PartitionKey = "key-ü/1" });

        var (_, content) = (await _server.WaitForObjectsAsync(name, 1)).Single();
        Assert.Equal("PAYLOAD\n", Encoding.UTF8.GetString(content));
        var invocation = _hooks.Events["rewrite"].Last(e => e["deliveryStreamArn"]!.GetValue<string>().EndsWith("/" + name, StringComparison.Ordinal));
        Assert.Equal(streamArn, invocation["sourceKinesisStreamArn"]!.GetValue<string>());
        var metadata = invocation["records"]![0]!["kinesisRecordMetadata"]!;
        Assert.Equal("shardId-000000000000", metadata["shardId"]!.GetValue<string>());
        Assert.Equal("key-ü/1", metadata["partitionKey"]!.GetValue<string>());
        Assert.Equal(put!["SequenceNumber"]!.GetValue<string>(), metadata["sequenceNumber"]!.GetValue<string>());
        Assert.Equal(0, metadata["subsequenceNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task StreamSource_OfAnEncryptedStream_DeliversTheRecordsInTheClear()
    {
        var stream = "sse-" + Guid.NewGuid().ToString("N")[..8];
        var name = "from-" + stream;
        await _server.Http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
        await WaitForActiveAsync(stream);
        await _server.Http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = "alias/aws/kinesis" });
        await WaitForActiveAsync(stream);
        await _server.OkAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = name,
            DeliveryStreamType = "KinesisStreamAsSource",
            KinesisStreamSourceConfiguration = new { KinesisStreamARN = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}", RoleARN = "arn:aws:iam::000000000000:role/firehose" },
            ExtendedS3DestinationConfiguration = new
            {
                RoleARN = "arn:aws:iam::000000000000:role/firehose",
                BucketARN = "arn:aws:s3:::" + name,
                BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
            },
        });
        var put = await _server.Http.OkAsync("PutRecord", new { StreamName = stream, Data = Convert.ToBase64String("secret payload"u8.ToArray()), PartitionKey = "k" });
        Assert.Equal("KMS", put!["EncryptionType"]!.GetValue<string>());

        var (_, content) = (await _server.WaitForObjectsAsync(name, 1)).Single();
        Assert.Equal("secret payload", Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task StreamSource_DeliversRecordsFromLatest_AcrossASplit_AndRefusesPuts()
    {
        var stream = "src-" + Guid.NewGuid().ToString("N")[..8];
        var name = "from-" + stream;
        await _server.Http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
        await WaitForActiveAsync(stream);
        await PutKinesisAsync(stream, "before-");

        var streamArn = $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";
        await _server.OkAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = name,
            DeliveryStreamType = "KinesisStreamAsSource",
            KinesisStreamSourceConfiguration = new { KinesisStreamARN = streamArn, RoleARN = "arn:aws:iam::000000000000:role/firehose" },
            ExtendedS3DestinationConfiguration = new
            {
                RoleARN = "arn:aws:iam::000000000000:role/firehose",
                BucketARN = "arn:aws:s3:::" + name,
                BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
                ProcessingConfiguration = new { Enabled = true, Processors = new[] { new { Type = "AppendDelimiterToRecord", Parameters = Array.Empty<object>() } } },
            },
        });
        var description = (await _server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name }))!["DeliveryStreamDescription"]!;
        Assert.Equal("KinesisStreamAsSource", description["DeliveryStreamType"]!.GetValue<string>());
        Assert.Equal(streamArn, description["Source"]!["KinesisStreamSourceDescription"]!["KinesisStreamARN"]!.GetValue<string>());
        await _server.ErrorAsync("PutRecord", new { DeliveryStreamName = name, Record = new { Data = "aGk=" } }, "InvalidArgumentException");
        await _server.ErrorAsync("PutRecordBatch", new { DeliveryStreamName = name, Records = new[] { new { Data = "aGk=" } } }, "InvalidArgumentException");

        var expected = new List<string>();
        expected.AddRange(await PutKinesisAsync(stream, "parent-"));
        await _server.Http.OkAsync("SplitShard", new { StreamName = stream, ShardToSplit = "shardId-000000000000", NewStartingHashKey = "170141183460469231731687303715884105728" });
        await WaitForActiveAsync(stream);
        expected.AddRange(await PutKinesisAsync(stream, "child-"));

        // Every record put after creation arrives (zero interval); the records put before it never do.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<string> delivered;
        while (true)
        {
            delivered = _server.ReadObjects(name).Values.SelectMany(o => Encoding.UTF8.GetString(o).Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (expected.All(delivered.Contains))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"delivered {delivered.Count} of {expected.Count}: missing {string.Join(",", expected.Except(delivered))}");
            await Task.Delay(100);
        }

        Assert.DoesNotContain(delivered, r => r.StartsWith("before-", StringComparison.Ordinal));
        Assert.Equal(expected.Order(), delivered.Distinct().Order());
    }

    [Fact]
    public async Task StreamSource_MissingStreamOrConfiguration_IsInvalidArgument()
    {
        var destination = new { RoleARN = "arn:aws:iam::000000000000:role/firehose", BucketARN = "arn:aws:s3:::b" };
        await _server.ErrorAsync("CreateDeliveryStream", new { DeliveryStreamName = "no-source-config", DeliveryStreamType = "KinesisStreamAsSource", ExtendedS3DestinationConfiguration = destination }, "InvalidArgumentException");
        await _server.ErrorAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = "missing-source",
            DeliveryStreamType = "KinesisStreamAsSource",
            KinesisStreamSourceConfiguration = new { KinesisStreamARN = "arn:aws:kinesis:us-east-1:000000000000:stream/no-such-stream", RoleARN = "arn:aws:iam::000000000000:role/r" },
            ExtendedS3DestinationConfiguration = destination,
        }, "InvalidArgumentException");
        await _server.ErrorAsync("DescribeDeliveryStream", new { DeliveryStreamName = "missing-source" }, "ResourceNotFoundException");
    }

    private async Task<List<string>> PutKinesisAsync(string stream, string prefix)
    {
        var records = Enumerable.Range(0, 20).Select(i => $"{prefix}{i}-{Guid.NewGuid():N}").ToList();
        var response = await _server.Http.OkAsync("PutRecords", new
        {
            StreamName = stream,
            Records = records.Select(r => new { Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(r)), PartitionKey = r }).ToArray(),
        });
        Assert.Equal(0, response!["FailedRecordCount"]!.GetValue<int>());
        return records;
    }

    private async Task WaitForActiveAsync(string stream)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var response = await _server.Http.CallAsync("DescribeStreamSummary", new { StreamName = stream });
            Assert.Equal(HttpStatusCode.OK, response.Status);
            if (response.Json!["StreamDescriptionSummary"]!["StreamStatus"]!.GetValue<string>() == "ACTIVE")
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"stream {stream} did not become ACTIVE");
            await Task.Delay(20);
        }
    }
}
