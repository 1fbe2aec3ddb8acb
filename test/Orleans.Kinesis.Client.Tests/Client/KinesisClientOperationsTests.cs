using System.Net;
using System.Text;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Client.Tests.Infrastructure;

namespace Orleans.Kinesis.Client.Tests.Client;

/// <summary>Every Kinesis Data Streams operation of the client, against the real server on loopback.</summary>
[Collection(ServerCollection.Name)]
[Trait("Suite", "Client")]
public sealed class KinesisClientOperationsTests(ServerFixture server)
{
    private KinesisClient Client => server.Client;

    [Fact]
    public async Task StreamLifecycle_ControlPlaneOperations_RoundTrip()
    {
        var name = await TestClients.CreateActiveStreamAsync(Client, "ops", 2);

        var summary = (await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name })).StreamDescriptionSummary;
        Assert.Equal(2, summary.OpenShardCount);
        Assert.Equal(24, summary.RetentionPeriodHours);
        var arn = summary.StreamARN;

        var described = (await Client.DescribeStreamAsync(new DescribeStreamRequest { StreamARN = arn })).StreamDescription;
        Assert.Equal(name, described.StreamName);
        Assert.Equal(2, described.Shards.Count);
        Assert.Equal("0", described.Shards[0].HashKeyRange.StartingHashKey);

        var listed = await Client.ListStreamsAsync(new ListStreamsRequest { Limit = 100 });
        Assert.Contains(name, listed.StreamNames);

        var shards = await Client.ListShardsAsync(new ListShardsRequest { StreamName = name, ShardFilter = new ShardFilter { Type = "AT_LATEST" } });
        Assert.Equal(2, shards.Shards.Count);

        var limits = await Client.DescribeLimitsAsync();
        Assert.True(limits.ShardLimit >= limits.OpenShardCount);

        await Client.IncreaseStreamRetentionPeriodAsync(new RetentionPeriodRequest { StreamName = name, RetentionPeriodHours = 48 });
        await Client.DecreaseStreamRetentionPeriodAsync(new RetentionPeriodRequest { StreamName = name, RetentionPeriodHours = 36 });
        Assert.Equal(36, (await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name })).StreamDescriptionSummary.RetentionPeriodHours);

        await Client.AddTagsToStreamAsync(new AddTagsToStreamRequest { StreamName = name, Tags = new() { ["team"] = "sdk", ["tier"] = "1" } });
        await Client.RemoveTagsFromStreamAsync(new RemoveTagsFromStreamRequest { StreamName = name, TagKeys = ["tier"] });
        var tags = await Client.ListTagsForStreamAsync(new ListTagsForStreamRequest { StreamName = name });
        Assert.Equal("sdk", Assert.Single(tags.Tags).Value);

        await Client.TagResourceAsync(new TagResourceRequest { ResourceARN = arn, Tags = new() { ["env"] = "test" } });
        await Client.UntagResourceAsync(new UntagResourceRequest { ResourceARN = arn, TagKeys = ["team"] });
        var resourceTags = await Client.ListTagsForResourceAsync(new ResourceRequest { ResourceARN = arn });
        Assert.Equal("env", Assert.Single(resourceTags.Tags).Key);

        var enabled = await Client.EnableEnhancedMonitoringAsync(new EnhancedMonitoringRequest { StreamName = name, ShardLevelMetrics = ["IncomingBytes"] });
        Assert.Contains("IncomingBytes", enabled.DesiredShardLevelMetrics!);
        var disabled = await Client.DisableEnhancedMonitoringAsync(new EnhancedMonitoringRequest { StreamName = name, ShardLevelMetrics = ["ALL"] });
        Assert.Empty(disabled.DesiredShardLevelMetrics ?? []);

        const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"kinesis:GetRecords","Resource":"*"}]}""";
        await Client.PutResourcePolicyAsync(new PutResourcePolicyRequest { ResourceARN = arn, Policy = Policy });
        Assert.Contains("kinesis:GetRecords", (await Client.GetResourcePolicyAsync(new ResourceRequest { ResourceARN = arn })).Policy, StringComparison.Ordinal);
        await Client.DeleteResourcePolicyAsync(new ResourceRequest { ResourceARN = arn });

        await Client.UpdateMaxRecordSizeAsync(new UpdateMaxRecordSizeRequest { StreamARN = arn, MaxRecordSizeInKiB = 2048 });
        await TestClients.WaitActiveAsync(Client, name);
        Assert.Equal(2048, (await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name })).StreamDescriptionSummary.MaxRecordSizeInKiB);

        await Client.StartStreamEncryptionAsync(new StreamEncryptionRequest { StreamName = name, KeyId = "alias/aws/kinesis" });
        await TestClients.WaitActiveAsync(Client, name);
        Assert.Equal("KMS", (await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name })).StreamDescriptionSummary.EncryptionType);
        await Client.StopStreamEncryptionAsync(new StreamEncryptionRequest { StreamName = name, KeyId = "alias/aws/kinesis" });
        await TestClients.WaitActiveAsync(Client, name);

        var update = await Client.UpdateShardCountAsync(new UpdateShardCountRequest { StreamName = name, TargetShardCount = 4 });
        Assert.Equal(4, update.TargetShardCount);
        await TestClients.WaitActiveAsync(Client, name);
        Assert.Equal(4, (await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name })).StreamDescriptionSummary.OpenShardCount);

        await Client.UpdateStreamModeAsync(new UpdateStreamModeRequest { StreamARN = arn, StreamModeDetails = new StreamModeDetails { StreamMode = "ON_DEMAND" } });
        await TestClients.WaitActiveAsync(Client, name);
        Assert.Equal("ON_DEMAND", (await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name })).StreamDescriptionSummary.StreamModeDetails!.StreamMode);

        await Client.DeleteStreamAsync(new DeleteStreamRequest { StreamName = name });
        var gone = await Assert.ThrowsAsync<ResourceNotFoundException>(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name });
                await Task.Delay(20);
            }
        });
        Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
        Assert.Equal("ResourceNotFoundException", gone.ErrorType);
        Assert.Contains(name, gone.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataPlane_PutAndGet_RoundTripBytesAndSequenceNumbers()
    {
        var name = await TestClients.CreateActiveStreamAsync(Client, "data", 1);
        var one = await Client.PutRecordAsync(new PutRecordRequest { StreamName = name, PartitionKey = "k", Data = "first"u8.ToArray() });
        var batch = await Client.PutRecordsAsync(new PutRecordsRequest
        {
            StreamName = name,
            Records = [.. Enumerable.Range(0, 5).Select(i => new PutRecordsRequestEntry { PartitionKey = "k" + i, Data = Encoding.UTF8.GetBytes("r" + i) })],
        });
        Assert.Equal(0, batch.FailedRecordCount ?? 0);
        Assert.All(batch.Records, r => Assert.Equal(one.ShardId, r.ShardId));

        var iterator = await Client.GetShardIteratorAsync(new GetShardIteratorRequest { StreamName = name, ShardId = one.ShardId, ShardIteratorType = ShardIteratorTypes.AtSequenceNumber, StartingSequenceNumber = one.SequenceNumber });
        var page = await Client.GetRecordsAsync(new GetRecordsRequest { ShardIterator = iterator.ShardIterator!, Limit = 100 });
        Assert.Equal(["first", "r0", "r1", "r2", "r3", "r4"], page.Records.Select(r => Encoding.UTF8.GetString(r.Data)));
        Assert.Equal(one.SequenceNumber, page.Records[0].SequenceNumber);
        Assert.NotNull(page.Records[0].ApproximateArrivalTimestamp);
        Assert.InRange(page.Records[0].ApproximateArrivalTimestamp!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.NotNull(page.NextShardIterator);
    }

    [Fact]
    public async Task Resharding_SplitAndMerge_ListShardsShowsParentsAndChildren()
    {
        var name = await TestClients.CreateActiveStreamAsync(Client, "reshard", 2);
        var shards = (await Client.ListShardsAsync(new ListShardsRequest { StreamName = name })).Shards;
        await Client.SplitShardAsync(new SplitShardRequest { StreamName = name, ShardToSplit = shards[0].ShardId, NewStartingHashKey = "1000" });
        await TestClients.WaitActiveAsync(Client, name);
        await Client.MergeShardsAsync(new MergeShardsRequest { StreamName = name, ShardToMerge = "shardId-000000000003", AdjacentShardToMerge = shards[1].ShardId });
        await TestClients.WaitActiveAsync(Client, name);

        var all = (await Client.ListShardsAsync(new ListShardsRequest { StreamName = name })).Shards;
        Assert.Equal(5, all.Count);
        var merged = all.Single(s => s.ShardId == "shardId-000000000004");
        Assert.Equal("shardId-000000000003", merged.ParentShardId);
        Assert.Equal(shards[1].ShardId, merged.AdjacentParentShardId);
    }

    [Fact]
    public async Task Consumers_RegisterDescribeListDeregister()
    {
        var name = await TestClients.CreateActiveStreamAsync(Client, "consumers", 1);
        var arn = (await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name })).StreamDescriptionSummary.StreamARN;
        var registered = await Client.RegisterStreamConsumerAsync(new RegisterStreamConsumerRequest { StreamARN = arn, ConsumerName = "app" });
        Assert.StartsWith(arn + "/consumer/app:", registered.Consumer.ConsumerARN, StringComparison.Ordinal);

        var described = await Client.DescribeStreamConsumerAsync(new ConsumerRequest { ConsumerARN = registered.Consumer.ConsumerARN });
        Assert.Equal(arn, described.ConsumerDescription.StreamARN);
        var listed = await Client.ListStreamConsumersAsync(new ListStreamConsumersRequest { StreamARN = arn });
        Assert.Equal("app", Assert.Single(listed.Consumers).ConsumerName);

        await Client.DeregisterStreamConsumerAsync(new ConsumerRequest { StreamARN = arn, ConsumerName = "app" });
        await Assert.ThrowsAsync<ResourceNotFoundException>(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                await Client.DescribeStreamConsumerAsync(new ConsumerRequest { ConsumerARN = registered.Consumer.ConsumerARN });
                await Task.Delay(20);
            }
        });
    }

    [Fact]
    public async Task SubscribeToShard_OverH2c_YieldsRecordsWithContinuation()
    {
        var name = await TestClients.CreateActiveStreamAsync(Client, "efo", 1);
        var arn = (await Client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name })).StreamDescriptionSummary.StreamARN;
        var consumer = (await Client.RegisterStreamConsumerAsync(new RegisterStreamConsumerRequest { StreamARN = arn, ConsumerName = "efo" })).Consumer;
        for (var i = 0; i < 300 && (await Client.DescribeStreamConsumerAsync(new ConsumerRequest { ConsumerARN = consumer.ConsumerARN })).ConsumerDescription.ConsumerStatus != "ACTIVE"; i++)
        {
            await Task.Delay(20);
        }

        var put = await Client.PutRecordAsync(new PutRecordRequest { StreamName = name, PartitionKey = "p", Data = "pushed"u8.ToArray() });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var shardEvent in Client.SubscribeToShardAsync(new SubscribeToShardRequest
        {
            ConsumerARN = consumer.ConsumerARN,
            ShardId = put.ShardId,
            StartingPosition = new StartingPosition { Type = ShardIteratorTypes.TrimHorizon },
        }, cts.Token))
        {
            if (shardEvent.Records.Count == 0)
            {
                continue;
            }

            var record = Assert.Single(shardEvent.Records);
            Assert.Equal("pushed", Encoding.UTF8.GetString(record.Data));
            Assert.Equal(put.SequenceNumber, record.SequenceNumber);
            Assert.NotNull(shardEvent.ContinuationSequenceNumber);
            return;
        }

        Assert.Fail("the subscription ended without the record");
    }

    [Fact]
    public async Task SubscribeToShard_UnknownConsumer_ThrowsTypedError()
    {
        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(async () =>
        {
            await foreach (var unused in Client.SubscribeToShardAsync(new SubscribeToShardRequest
            {
                ConsumerARN = "arn:aws:kinesis:us-east-1:000000000000:stream/none/consumer/none:1",
                ShardId = "shardId-000000000000",
                StartingPosition = new StartingPosition { Type = ShardIteratorTypes.Latest },
            }))
            {
            }
        });
        Assert.Equal("ResourceNotFoundException", error.ErrorType);
    }

    [Fact]
    public async Task AccountSettings_UpdateAndDescribe()
    {
        var updated = await Client.UpdateAccountSettingsAsync(new UpdateAccountSettingsRequest { MinimumThroughputBillingCommitment = new MinimumThroughputBillingCommitmentInput { Status = "ENABLED" } });
        Assert.Equal("ENABLED", updated.MinimumThroughputBillingCommitment!.Status);
        var described = await Client.DescribeAccountSettingsAsync();
        Assert.Equal("ENABLED", described.MinimumThroughputBillingCommitment!.Status);
        Assert.NotNull(described.MinimumThroughputBillingCommitment.StartedAt);
    }

    [Fact]
    public async Task WarmThroughput_OnDemandStream_IsReported()
    {
        var name = TestClients.UniqueName("warm");
        await Client.UpdateAccountSettingsAsync(new UpdateAccountSettingsRequest { MinimumThroughputBillingCommitment = new MinimumThroughputBillingCommitmentInput { Status = "ENABLED" } });
        await Client.CreateStreamAsync(new CreateStreamRequest { StreamName = name, StreamModeDetails = new StreamModeDetails { StreamMode = "ON_DEMAND" } });
        await TestClients.WaitActiveAsync(Client, name);
        var warm = await Client.UpdateStreamWarmThroughputAsync(new UpdateStreamWarmThroughputRequest { StreamName = name, WarmThroughputMiBps = 10 });
        Assert.Equal(10, warm.WarmThroughput!.TargetMiBps);
    }

    [Fact]
    public async Task InvalidInput_SurfacesTypeStatusAndMessage()
    {
        var error = await Assert.ThrowsAsync<KinesisServiceException>(() => Client.CreateStreamAsync(new CreateStreamRequest { StreamName = "bad name!", ShardCount = 1 }));
        Assert.Equal("ValidationException", error.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("streamName", error.ErrorMessage, StringComparison.Ordinal);
    }
}
