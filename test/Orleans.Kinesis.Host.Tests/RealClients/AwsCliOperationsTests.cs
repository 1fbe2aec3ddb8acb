using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.RealClients;

/// <summary>The AWS CLI through the operations beyond a stream's basic life, on a server of its own.</summary>
[Trait("Area", "RealClients")]
public sealed class AwsCliOperationsTests : IClassFixture<ServerFixture>, IDisposable
{
    private const string Account = "000000000000";
    private readonly ServerFixture _server;
    private readonly AwsCli _aws;

    public AwsCliOperationsTests(ServerFixture server)
    {
        _server = server;
        _aws = new AwsCli(server.Endpoint);
    }

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Cli_StartsAndStopsEncryption_AndReadsRecordsBack()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "cli-sse", 1);

        await _aws.OkAsync("start-stream-encryption", "--stream-name", stream, "--encryption-type", "KMS", "--key-id", "alias/aws/kinesis");
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        var file = Path.Combine(_aws.ScratchDirectory, "secret.bin");
        await File.WriteAllBytesAsync(file, Encoding.UTF8.GetBytes("encrypted via the cli"));
        var put = await _aws.OkAsync("put-record", "--stream-name", stream, "--partition-key", "k", "--data", "fileb://" + file);
        var summary = (await _aws.OkAsync("describe-stream-summary", "--stream-name", stream))!["StreamDescriptionSummary"]!;
        await _aws.OkAsync("stop-stream-encryption", "--stream-name", stream, "--encryption-type", "KMS", "--key-id", "alias/aws/kinesis");
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        var badKey = await _aws.RunAsync("start-stream-encryption", "--stream-name", stream, "--encryption-type", "KMS", "--key-id", "nope");
        var iterator = (await _aws.OkAsync("get-shard-iterator", "--stream-name", stream, "--shard-id", "shardId-000000000000", "--shard-iterator-type", "TRIM_HORIZON"))!["ShardIterator"]!.GetValue<string>();
        var records = (await _aws.OkAsync("get-records", "--shard-iterator", iterator))!["Records"]!.AsArray();

        Assert.Equal("KMS", put!["EncryptionType"]!.GetValue<string>());
        Assert.Equal("KMS", summary["EncryptionType"]!.GetValue<string>());
        Assert.Equal("alias/aws/kinesis", summary["KeyId"]!.GetValue<string>());
        Assert.NotEqual(0, badKey.ExitCode);
        Assert.Contains("KMSNotFoundException", badKey.Stderr, StringComparison.Ordinal);
        var record = Assert.Single(records)!;
        Assert.Equal("encrypted via the cli", Encoding.UTF8.GetString(Convert.FromBase64String(record["Data"]!.GetValue<string>())));
        Assert.Equal("KMS", record["EncryptionType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cli_ReshardsAndSwitchesModes()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "cli-reshard", 2);
        var arn = $"arn:aws:kinesis:us-east-1:{Account}:stream/{stream}";

        await _aws.OkAsync("split-shard", "--stream-name", stream, "--shard-to-split", "shardId-000000000000", "--new-starting-hash-key", "85070591730234615865843651857942052864");
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        await _aws.OkAsync("merge-shards", "--stream-name", stream, "--shard-to-merge", "shardId-000000000002", "--adjacent-shard-to-merge", "shardId-000000000003");
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        var scaled = await _aws.OkAsync("update-shard-count", "--stream-name", stream, "--target-shard-count", "4", "--scaling-type", "UNIFORM_SCALING");
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        await _aws.OkAsync("update-stream-mode", "--stream-arn", arn, "--stream-mode-details", "StreamMode=ON_DEMAND");
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        await _aws.OkAsync("update-account-settings", "--minimum-throughput-billing-commitment", "Status=ENABLED");
        var warm = await _aws.OkAsync("update-stream-warm-throughput", "--stream-name", stream, "--warm-throughput-mi-bps", "6");
        await Streams.WaitForStatusAsync(_server.Http1, stream, "ACTIVE");
        var summary = (await _aws.OkAsync("describe-stream-summary", "--stream-name", stream))!["StreamDescriptionSummary"]!;
        var refused = await _aws.RunAsync("split-shard", "--stream-name", stream, "--shard-to-split", "shardId-000000000001", "--new-starting-hash-key", "200000000000000000000000000000000000000");

        Assert.Equal(2, scaled!["CurrentShardCount"]!.GetValue<int>());
        Assert.Equal(4, scaled["TargetShardCount"]!.GetValue<int>());
        Assert.Equal(6, warm!["WarmThroughput"]!["TargetMiBps"]!.GetValue<int>());
        Assert.Equal("ON_DEMAND", summary["StreamModeDetails"]!["StreamMode"]!.GetValue<string>());
        Assert.Equal(6, summary["OpenShardCount"]!.GetValue<int>());
        Assert.Contains("ValidationException", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_ManagesSettingsTagsConsumersAndPolicies()
    {
        var stream = await Streams.CreateActiveAsync(_server.Http1, "cli-settings", 1);
        var arn = $"arn:aws:kinesis:us-east-1:{Account}:stream/{stream}";

        await _aws.OkAsync("add-tags-to-stream", "--stream-name", stream, "--tags", "team=data,env=test");
        await _aws.OkAsync("remove-tags-from-stream", "--stream-name", stream, "--tag-keys", "env");
        await _aws.OkAsync("tag-resource", "--resource-arn", arn, "--tags", "owner=cli");
        await _aws.OkAsync("untag-resource", "--resource-arn", arn, "--tag-keys", "team");
        var tags = await _aws.OkAsync("list-tags-for-stream", "--stream-name", stream);
        var byArn = await _aws.OkAsync("list-tags-for-resource", "--resource-arn", arn);
        await _aws.OkAsync("increase-stream-retention-period", "--stream-name", stream, "--retention-period-hours", "48");
        await _aws.OkAsync("decrease-stream-retention-period", "--stream-name", stream, "--retention-period-hours", "36");
        var monitoring = await _aws.OkAsync("enable-enhanced-monitoring", "--stream-name", stream, "--shard-level-metrics", "IncomingBytes", "OutgoingBytes");
        await _aws.OkAsync("disable-enhanced-monitoring", "--stream-name", stream, "--shard-level-metrics", "OutgoingBytes");
        await _aws.OkAsync("update-max-record-size", "--stream-arn", arn, "--max-record-size-in-ki-b", "2048");
        var consumer = (await _aws.OkAsync("register-stream-consumer", "--stream-arn", arn, "--consumer-name", "cli-app"))!["Consumer"]!;
        var consumers = await _aws.OkAsync("list-stream-consumers", "--stream-arn", arn);
        var described = await _aws.OkAsync("describe-stream-consumer", "--consumer-arn", consumer["ConsumerARN"]!.GetValue<string>());
        await _aws.OkAsync("deregister-stream-consumer", "--consumer-arn", consumer["ConsumerARN"]!.GetValue<string>());
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"kinesis:GetRecords","Resource":"*"}]}""";
        await _aws.OkAsync("put-resource-policy", "--resource-arn", arn, "--policy", policy);
        var stored = await _aws.OkAsync("get-resource-policy", "--resource-arn", arn);
        await _aws.OkAsync("delete-resource-policy", "--resource-arn", arn);
        var limits = await _aws.OkAsync("describe-limits");
        var settings = await _aws.OkAsync("describe-account-settings");
        var summary = (await _aws.OkAsync("describe-stream-summary", "--stream-name", stream))!["StreamDescriptionSummary"]!;

        Assert.Equal("""[{"Key":"owner","Value":"cli"}]""", tags!["Tags"]!.ToJsonString());
        Assert.Equal(tags["Tags"]!.ToJsonString(), byArn!["Tags"]!.ToJsonString());
        Assert.Equal(["IncomingBytes", "OutgoingBytes"], monitoring!["DesiredShardLevelMetrics"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(36, summary["RetentionPeriodHours"]!.GetValue<int>());
        Assert.Equal("""[{"ShardLevelMetrics":["IncomingBytes"]}]""", summary["EnhancedMonitoring"]!.ToJsonString());
        Assert.Equal(2048, summary["MaxRecordSizeInKiB"]!.GetValue<int>());
        Assert.Equal("cli-app", Assert.Single(consumers!["Consumers"]!.AsArray())!["ConsumerName"]!.GetValue<string>());
        Assert.Equal(arn, described!["ConsumerDescription"]!["StreamARN"]!.GetValue<string>());
        Assert.Equal(policy, stored!["Policy"]!.GetValue<string>());
        Assert.True(limits!["ShardLimit"]!.GetValue<int>() > 0);
        Assert.NotNull(settings!["MinimumThroughputBillingCommitment"]);
    }
}
