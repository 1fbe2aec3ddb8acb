using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.Host.Tests.RealClients;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>@aws-sdk/client-firehose (test/js/firehose-scenarios.mjs) and <c>aws firehose</c> against the server.</summary>
[Collection(FirehoseCollection.Name)]
[Trait("Area", "RealClients")]
public sealed class FirehoseRealClientTests
{
    private static readonly TimeSpan NodeBound = TimeSpan.FromSeconds(90);
    private readonly FirehoseServer _server;

    public FirehoseRealClientTests(FirehoseFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData("--http1")]
    [InlineData("--h2c")]
    public async Task JavaScriptSdk_PutsAndReadsBackEveryRecordFromGzipObjects(string transport)
    {
        var name = "js-" + Guid.NewGuid().ToString("N")[..8];
        var lines = await RunAsync("delivery", name, transport);

        Assert.Equal("ACTIVE", Step(lines, "DescribeDeliveryStream")["status"]!.GetValue<string>());
        Assert.Equal("1", Step(lines, "DescribeDeliveryStream")["versionId"]!.GetValue<string>());
        Assert.True(Step(lines, "DescribeDeliveryStream")["createTimestampIsDate"]!.GetValue<bool>());
        Assert.True(Step(lines, "ListDeliveryStreams")["containsStream"]!.GetValue<bool>());
        Assert.True(Step(lines, "PutRecord")["hasRecordId"]!.GetValue<bool>());
        var batch = Step(lines, "PutRecordBatch");
        Assert.Equal(0, batch["failedPutCount"]!.GetValue<int>());
        Assert.Equal(25, batch["distinctIds"]!.GetValue<int>());
        var compare = Step(lines, "CompareObjects");
        Assert.True(compare["identical"]!.GetValue<bool>(), compare.ToJsonString());
        Assert.True(compare["keysUnderPrefix"]!.GetValue<bool>(), compare.ToJsonString());
        Assert.Equal(26, compare["received"]!.GetValue<int>());
        Assert.Equal("ResourceNotFoundException", Step(lines, "DescribeAfterDelete")["error"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task JavaScriptSdk_SeesAwsErrorNames()
    {
        var lines = await RunAsync("errors", "js-errors-" + Guid.NewGuid().ToString("N")[..8], "--http1");
        var missing = Step(lines, "PutRecordMissing")["error"]!;
        Assert.Equal(400, missing["httpStatusCode"]!.GetValue<int>());
        Assert.EndsWith("-missing under account 000000000000 not found.", missing["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsCli_CreatePutDescribeAndDelivers()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        using var cli = new AwsCli(_server.Endpoint) { Service = "firehose" };
        var destination = "{\"RoleARN\":\"arn:aws:iam::000000000000:role/firehose\",\"BucketARN\":\"arn:aws:s3:::" + name
            + "\",\"CompressionFormat\":\"ZIP\",\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":60}}";
        var created = await cli.OkAsync("create-delivery-stream", "--delivery-stream-name", name, "--extended-s3-destination-configuration", destination);
        Assert.EndsWith(":deliverystream/" + name, created!["DeliveryStreamARN"]!.GetValue<string>(), StringComparison.Ordinal);

        var described = await cli.OkAsync("describe-delivery-stream", "--delivery-stream-name", name);
        Assert.Equal("ZIP", described!["DeliveryStreamDescription"]!["Destinations"]![0]!["ExtendedS3DestinationDescription"]!["CompressionFormat"]!.GetValue<string>());

        // CLI v1 sends blob arguments as given (the helper adds raw-in-base64-out for v2), so the bytes are the text.
        var put = await cli.OkAsync("put-record", "--delivery-stream-name", name, "--record", "Data=first-record;");
        Assert.False(string.IsNullOrEmpty(put!["RecordId"]!.GetValue<string>()));
        var batch = await cli.OkAsync("put-record-batch", "--delivery-stream-name", name, "--records", "[{\"Data\":\"second;\"},{\"Data\":\"third;\"}]");
        Assert.Equal(0, batch!["FailedPutCount"]!.GetValue<int>());
        var listed = await cli.OkAsync("list-delivery-streams", "--limit", "10000");
        Assert.Contains(name, listed!["DeliveryStreamNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(_server.ReadObjects(name));

        _server.Time.Shift(TimeSpan.FromSeconds(61));
        var (key, content) = (await _server.WaitForObjectsAsync(name, 1)).Single();
        Assert.EndsWith(".zip", key, StringComparison.Ordinal);
        using var archive = new ZipArchive(new MemoryStream(content));
        using var reader = new StreamReader(archive.Entries.Single().Open(), Encoding.UTF8);
        Assert.Equal("first-record;second;third;", await reader.ReadToEndAsync());

        var missing = await cli.RunAsync("describe-delivery-stream", "--delivery-stream-name", name + "-missing");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("ResourceNotFoundException", missing.Stderr, StringComparison.Ordinal);
        await cli.OkAsync("delete-delivery-stream", "--delivery-stream-name", name);
    }

    private async Task<List<JsonNode>> RunAsync(string scenario, string name, string transport)
    {
        var node = RepoPaths.FindOnPath("node");
        Assert.True(node is not null, "node is not on PATH; the real-client tests need Node.js (CI installs it).");
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.JsNodeModules, "@aws-sdk", "client-firehose")),
            $"{RepoPaths.JsNodeModules} has no @aws-sdk/client-firehose: run `npm ci --prefix test/js --ignore-scripts`.");
        List<string> arguments =
        [
            Path.Combine(RepoPaths.JsDirectory, "firehose-scenarios.mjs"), scenario, "--endpoint", _server.Endpoint.ToString().TrimEnd('/'),
            "--stream", name, "--bucket-dir", _server.BucketFolder(name), "--timeout-ms", "60000",
        ];
        if (transport == "--h2c")
        {
            arguments.Add(transport);
        }

        var result = await ChildProcess.RunAsync(node!, arguments, NodeBound, workingDirectory: RepoPaths.JsDirectory);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.True(result.ExitCode == 0 && lines.LastOrDefault()?["result"]?.GetValue<string>() == "passed",
            $"firehose scenario {scenario} did not pass\n{result.Describe()}");
        return lines;
    }

    private static JsonNode Step(List<JsonNode> lines, string name)
    {
        var line = lines.LastOrDefault(l => l["step"]?.GetValue<string>() == name);
        Assert.True(line is not null, $"no '{name}' step line");
        return line!;
    }
}
