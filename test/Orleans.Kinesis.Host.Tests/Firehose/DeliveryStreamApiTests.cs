using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>The Firehose control plane and put limits over the raw JSON 1.1 wire.</summary>
[Collection(FirehoseCollection.Name)]
[Trait("Area", "Firehose")]
public sealed class DeliveryStreamApiTests
{
    private readonly FirehoseServer _server;

    public DeliveryStreamApiTests(FirehoseFixture fixture) => _server = fixture.Server;

    private static object Destination(string bucket) => new
    {
        RoleARN = "arn:aws:iam::000000000000:role/firehose",
        BucketARN = "arn:aws:s3:::" + bucket,
    };

    [Fact]
    public async Task Create_Describe_MaterialisesDefaults_ListAndDelete()
    {
        var name = "api-" + Guid.NewGuid().ToString("N")[..8];
        var created = await _server.OkAsync("CreateDeliveryStream", new { DeliveryStreamName = name, ExtendedS3DestinationConfiguration = Destination("b-" + name) });
        Assert.Equal($"arn:aws:firehose:us-east-1:000000000000:deliverystream/{name}", created!["DeliveryStreamARN"]!.GetValue<string>());

        var description = (await _server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name }))!["DeliveryStreamDescription"]!;
        Assert.Equal("ACTIVE", description["DeliveryStreamStatus"]!.GetValue<string>());
        Assert.Equal("DirectPut", description["DeliveryStreamType"]!.GetValue<string>());
        Assert.Equal("1", description["VersionId"]!.GetValue<string>());
        Assert.False(description["HasMoreDestinations"]!.GetValue<bool>());
        var destination = description["Destinations"]!.AsArray().Single()!;
        Assert.Equal("destinationId-000000000001", destination["DestinationId"]!.GetValue<string>());
        var s3 = destination["ExtendedS3DestinationDescription"]!;
        Assert.Equal(5, s3["BufferingHints"]!["SizeInMBs"]!.GetValue<int>());
        Assert.Equal(300, s3["BufferingHints"]!["IntervalInSeconds"]!.GetValue<int>());
        Assert.Equal("UNCOMPRESSED", s3["CompressionFormat"]!.GetValue<string>());
        Assert.Equal("NoEncryption", s3["EncryptionConfiguration"]!["NoEncryptionConfig"]!.GetValue<string>());
        Assert.Equal("arn:aws:s3:::b-" + name, destination["S3DestinationDescription"]!["BucketARN"]!.GetValue<string>());

        var list = await _server.OkAsync("ListDeliveryStreams", new { Limit = 10000 });
        Assert.Contains(name, list!["DeliveryStreamNames"]!.AsArray().Select(n => n!.GetValue<string>()));

        var again = await _server.ErrorAsync("CreateDeliveryStream", new { DeliveryStreamName = name, ExtendedS3DestinationConfiguration = Destination("b") }, "ResourceInUseException");
        Assert.Equal($"Firehose {name} under accountId 000000000000 already exists.", again.Json!["message"]!.GetValue<string>());

        await _server.OkAsync("DeleteDeliveryStream", new { DeliveryStreamName = name });
        var missing = await _server.ErrorAsync("DescribeDeliveryStream", new { DeliveryStreamName = name }, "ResourceNotFoundException");
        Assert.Equal($"Firehose {name} under account 000000000000 not found.", missing.Json!["message"]!.GetValue<string>());
        list = await _server.OkAsync("ListDeliveryStreams", new { Limit = 10000 });
        Assert.DoesNotContain(name, list!["DeliveryStreamNames"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task List_PagesInNameOrder()
    {
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var suffix in (string[])["c", "a", "b"])
        {
            await _server.CreateAsync(prefix + suffix, Destination("paging"));
        }

        var first = await _server.OkAsync("ListDeliveryStreams", new { Limit = 2, ExclusiveStartDeliveryStreamName = prefix });
        Assert.Equal([prefix + "a", prefix + "b"], first!["DeliveryStreamNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(first["HasMoreDeliveryStreams"]!.GetValue<bool>());
        var next = await _server.OkAsync("ListDeliveryStreams", new { Limit = 1, ExclusiveStartDeliveryStreamName = prefix + "b" });
        Assert.Equal(prefix + "c", next!["DeliveryStreamNames"]!.AsArray().Single()!.GetValue<string>());
    }

    [Fact]
    public async Task Create_InvalidInput_GetsAwsErrors()
    {
        var bad = await _server.ErrorAsync("CreateDeliveryStream", new { DeliveryStreamName = "bad name!", ExtendedS3DestinationConfiguration = Destination("b") }, "ValidationException");
        Assert.Equal("1 validation error detected: Value 'bad name!' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
            bad.Json!["message"]!.GetValue<string>());
        await _server.ErrorAsync("CreateDeliveryStream", new { DeliveryStreamName = "no-destination" }, "InvalidArgumentException");
        await _server.ErrorAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = "bad-hints",
            ExtendedS3DestinationConfiguration = new { RoleARN = "arn:aws:iam::000000000000:role/r", BucketARN = "arn:aws:s3:::b", BufferingHints = new { SizeInMBs = 129, IntervalInSeconds = 60 } },
        }, "ValidationException");
        await _server.ErrorAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = "half-hints",
            ExtendedS3DestinationConfiguration = new { RoleARN = "arn:aws:iam::000000000000:role/r", BucketARN = "arn:aws:s3:::b", BufferingHints = new { SizeInMBs = 10 } },
        }, "InvalidArgumentException");
        await _server.ErrorAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = "expr-no-error-prefix",
            ExtendedS3DestinationConfiguration = new { RoleARN = "arn:aws:iam::000000000000:role/r", BucketARN = "arn:aws:s3:::b", Prefix = "!{timestamp:yyyy/MM/dd}" },
        }, "InvalidArgumentException");
        await _server.ErrorAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = "error-prefix-without-type",
            ExtendedS3DestinationConfiguration = new { RoleARN = "arn:aws:iam::000000000000:role/r", BucketARN = "arn:aws:s3:::b", ErrorOutputPrefix = "errors/" },
        }, "InvalidArgumentException");
        await _server.ErrorAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = "bad-bucket",
            ExtendedS3DestinationConfiguration = new { RoleARN = "arn:aws:iam::000000000000:role/r", BucketARN = "bucket" },
        }, "ValidationException");
        await _server.ErrorAsync("CreateDeliveryStream", new { DeliveryStreamName = 5 }, "SerializationException");

        var list = await _server.OkAsync("ListDeliveryStreams", new { Limit = 10000 });
        Assert.DoesNotContain(list!["DeliveryStreamNames"]!.AsArray(), n => n!.GetValue<string>() is "no-destination" or "bad-hints" or "half-hints" or "expr-no-error-prefix");
    }

    [Fact]
    public async Task Put_Limits_AndMissingStream()
    {
        var name = "limits-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateAsync(name, Destination("b-" + name));

        await _server.ErrorAsync("PutRecord", new { DeliveryStreamName = name + "-missing", Record = new { Data = "aGk=" } }, "ResourceNotFoundException");
        var tooMany = Enumerable.Range(0, 501).Select(_ => new { Data = "aGk=" }).ToArray();
        await _server.ErrorAsync("PutRecordBatch", new { DeliveryStreamName = name, Records = tooMany }, "ValidationException");
        var big = Convert.ToBase64String(new byte[1_024_001]);
        var oversized = await _server.ErrorAsync("PutRecord", new { DeliveryStreamName = name, Record = new { Data = big } }, "ValidationException");
        Assert.Contains("Member must have length less than or equal to 1024000", oversized.Json!["message"]!.GetValue<string>());
        var chunk = Convert.ToBase64String(new byte[1_000_000]);
        await _server.ErrorAsync("PutRecordBatch", new { DeliveryStreamName = name, Records = Enumerable.Range(0, 5).Select(_ => new { Data = chunk }).ToArray() }, "InvalidArgumentException");
        await _server.ErrorAsync("PutRecord", new { DeliveryStreamName = name, Record = new { Data = "not base64!" } }, "SerializationException");

        // The largest record allowed is accepted and nothing refused was buffered: one delivery holds exactly it.
        var largest = new byte[1_024_000];
        Random.Shared.NextBytes(largest);
        var put = await _server.OkAsync("PutRecord", new { DeliveryStreamName = name, Record = new { Data = Convert.ToBase64String(largest) } });
        Assert.False(string.IsNullOrEmpty(put!["RecordId"]!.GetValue<string>()));
        _server.Time.Shift(TimeSpan.FromSeconds(301));
        var objects = await _server.WaitForObjectsAsync("b-" + name, 1);
        Assert.Equal(largest, objects.Values.Single());
    }

    [Fact]
    public async Task UpdateDestination_ChecksVersion_MergesAndRaisesVersion()
    {
        var name = "update-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateAsync(name, new { RoleARN = "arn:aws:iam::000000000000:role/r", BucketARN = "arn:aws:s3:::b-" + name, Prefix = "first/" });

        var stale = await _server.ErrorAsync("UpdateDestination", new
        {
            DeliveryStreamName = name,
            CurrentDeliveryStreamVersionId = "7",
            DestinationId = "destinationId-000000000001",
            ExtendedS3DestinationUpdate = new { Prefix = "second/" },
        }, "ConcurrentModificationException");
        Assert.Contains("version id", stale.Json!["message"]!.GetValue<string>());

        await _server.OkAsync("UpdateDestination", new
        {
            DeliveryStreamName = name,
            CurrentDeliveryStreamVersionId = "1",
            DestinationId = "destinationId-000000000001",
            ExtendedS3DestinationUpdate = new { Prefix = "second/", CompressionFormat = "GZIP" },
        });
        var description = (await _server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name }))!["DeliveryStreamDescription"]!;
        Assert.Equal("2", description["VersionId"]!.GetValue<string>());
        Assert.NotNull(description["LastUpdateTimestamp"]);
        var s3 = description["Destinations"]![0]!["ExtendedS3DestinationDescription"]!;
        Assert.Equal("second/", s3["Prefix"]!.GetValue<string>());
        Assert.Equal("GZIP", s3["CompressionFormat"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::000000000000:role/r", s3["RoleARN"]!.GetValue<string>());

        await _server.PutBatchAsync(name, [[1, 2, 3]]);
        _server.Time.Shift(TimeSpan.FromSeconds(301));
        var key = (await _server.WaitForObjectsAsync("b-" + name, 1)).Keys.Single();
        Assert.Matches($@"^second/\d{{4}}/\d\d/\d\d/\d\d/{name}-2-\d{{4}}(-\d\d){{5}}-[0-9a-f-]{{36}}\.gz$", key);
    }

    [Fact]
    public async Task Tags_AndEncryption()
    {
        var name = "tags-" + Guid.NewGuid().ToString("N")[..8];
        await _server.OkAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = name,
            ExtendedS3DestinationConfiguration = Destination("b"),
            Tags = new[] { new { Key = "team", Value = "data" } },
        });
        await _server.OkAsync("TagDeliveryStream", new { DeliveryStreamName = name, Tags = new[] { new { Key = "env", Value = "test" }, new { Key = "team", Value = "ops" } } });
        var tags = await _server.OkAsync("ListTagsForDeliveryStream", new { DeliveryStreamName = name, Limit = 1 });
        Assert.Equal("env", tags!["Tags"]![0]!["Key"]!.GetValue<string>());
        Assert.True(tags["HasMoreTags"]!.GetValue<bool>());
        await _server.OkAsync("UntagDeliveryStream", new { DeliveryStreamName = name, TagKeys = new[] { "env", "unknown" } });
        tags = await _server.OkAsync("ListTagsForDeliveryStream", new { DeliveryStreamName = name });
        Assert.Equal("ops", tags!["Tags"]!.AsArray().Single()!["Value"]!.GetValue<string>());
        await _server.ErrorAsync("TagDeliveryStream", new
        {
            DeliveryStreamName = name,
            Tags = Enumerable.Range(0, 50).Select(i => new { Key = "k" + i, Value = "v" }).ToArray(),
        }, "LimitExceededException");

        await _server.ErrorAsync("StartDeliveryStreamEncryption", new
        {
            DeliveryStreamName = name,
            DeliveryStreamEncryptionConfigurationInput = new { KeyType = "CUSTOMER_MANAGED_CMK" },
        }, "InvalidArgumentException");
        await _server.OkAsync("StartDeliveryStreamEncryption", new
        {
            DeliveryStreamName = name,
            DeliveryStreamEncryptionConfigurationInput = new { KeyType = "AWS_OWNED_CMK" },
        });
        await WaitForEncryptionAsync(name, "ENABLED");
        var put = await _server.OkAsync("PutRecord", new { DeliveryStreamName = name, Record = new { Data = "aGk=" } });
        Assert.True(put!["Encrypted"]!.GetValue<bool>());
        await _server.OkAsync("StopDeliveryStreamEncryption", new { DeliveryStreamName = name });
        await WaitForEncryptionAsync(name, "DISABLED");
    }

    private async Task WaitForEncryptionAsync(string name, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var description = await _server.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name });
            var current = description!["DeliveryStreamDescription"]!["DeliveryStreamEncryptionConfiguration"]!["Status"]!.GetValue<string>();
            if (current == status)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"encryption of {name} stayed {current}, expected {status}");
            await Task.Delay(20);
        }
    }
}
