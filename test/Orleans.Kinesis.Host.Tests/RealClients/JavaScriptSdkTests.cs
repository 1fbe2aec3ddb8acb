using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.RealClients;

/// <summary>The real AWS SDK for JavaScript v3 (test/js/kinesis-scenarios.mjs) against the in-process server.</summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "RealClients")]
public sealed class JavaScriptSdkTests
{
    private static readonly TimeSpan NodeBound = TimeSpan.FromSeconds(60);
    private readonly ServerFixture _server;

    public JavaScriptSdkTests(ServerFixture server) => _server = server;

    [Theory]
    [InlineData("h2c", "2.0")]
    [InlineData("--h2-session-per-request", "2.0")]
    [InlineData("--http1", "1.1")]
    public async Task Lifecycle_CreatesPutsReadsBackIdenticalBytes_AndDeletes(string transport, string httpVersion)
    {
        var run = await RunScenarioAsync("lifecycle", transport);

        var summary = run.Step("DescribeStreamSummary");
        Assert.Equal("ACTIVE", summary["status"]!.GetValue<string>());
        Assert.Equal(2, summary["openShardCount"]!.GetValue<int>());
        Assert.True(run.Step("ListStreams")["containsStream"]!.GetValue<bool>(), run.Describe());
        Assert.Equal(2, run.Step("ListShards")["shards"]!.AsArray().Count);
        Assert.Equal(0, run.Step("PutRecords")["failedRecordCount"]!.GetValue<int>());

        var compare = run.Step("CompareRecords");
        Assert.Equal(4, compare["sent"]!.GetValue<int>());
        Assert.Equal(4, compare["received"]!.GetValue<int>());
        var records = compare["records"]!.AsArray();
        Assert.Equal(4, records.Count);
        Assert.All(records, record =>
        {
            Assert.True(record!["found"]!.GetValue<bool>(), $"record {record["sequenceNumber"]} not read back\n{run.Describe()}");
            Assert.True(record["identical"]!.GetValue<bool>(), $"record {record["sequenceNumber"]} differs\n{run.Describe()}");
        });

        // Every call that reports a transport was carried by the protocol asked for.
        Assert.All(run.Lines.Where(l => l["httpVersion"] is not null), line => Assert.Equal(httpVersion, line["httpVersion"]!.GetValue<string>()));
        Assert.NotNull(run.Step("DeleteStream"));
    }

    [Fact]
    public async Task Errors_HaveTheAwsNamesStatusesAndMessages()
    {
        var run = await RunScenarioAsync("errors", "h2c");

        AssertError(run, "DescribeStreamMissing", "ResourceNotFoundException",
            $"Stream {run.Stream}-missing under account 000000000000 not found.");
        AssertError(run, "PutRecordEmptyPartitionKey", "ValidationException",
            "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1");
        AssertError(run, "GetRecordsGarbageIterator", "InvalidArgumentException", "Invalid ShardIterator.");
    }

    [Theory]
    [InlineData("h2c", "2.0")]
    [InlineData("--http1", "1.1")]
    public async Task Http2Check_ResponsesArriveOverTheRequestedProtocol(string transport, string httpVersion)
    {
        var run = await RunScenarioAsync("http2-check", transport);

        var check = run.Step("ProtocolCheck");
        Assert.True(check["ok"]!.GetValue<bool>(), run.Describe());
        Assert.Equal(httpVersion, check["expectedHttpVersion"]!.GetValue<string>());
        var calls = check["calls"]!.AsArray();
        Assert.Equal(3, calls.Count);
        foreach (var call in calls)
        {
            Assert.Equal(200, call!["httpStatusCode"]!.GetValue<int>());
            Assert.Equal(httpVersion, call["httpVersion"]!.GetValue<string>());
            if (httpVersion == "2.0")
            {
                Assert.Equal("h2c", call["alpnProtocol"]!.GetValue<string>());
                Assert.False(call["encrypted"]!.GetValue<bool>());
            }
        }

        if (httpVersion == "2.0")
        {
            // Stream ids 1, 3, 5: one h2c session carried all three calls.
            Assert.True(check["sameSession"]!.GetValue<bool>(), run.Describe());
            Assert.Equal([1, 3, 5], calls.Select(c => c!["streamId"]!.GetValue<int>()));
        }
    }

    [Theory]
    [InlineData("h2c")]
    [InlineData("--http1")]
    public async Task Consumers_RegisterDescribeUntilActiveListAndDeregister(string transport)
    {
        var run = await RunScenarioAsync("consumers", transport);

        var streamArn = run.Step("CreateStream")["streamARN"]!.GetValue<string>();
        var registered = run.Step("RegisterStreamConsumer");
        var consumerArn = registered["consumerARN"]!.GetValue<string>();
        Assert.Equal("reader", registered["consumerName"]!.GetValue<string>());
        Assert.Equal("CREATING", registered["status"]!.GetValue<string>());
        Assert.StartsWith(streamArn + "/consumer/reader:", consumerArn, StringComparison.Ordinal);
        var described = run.Step("DescribeStreamConsumer");
        Assert.Equal("ACTIVE", described["status"]!.GetValue<string>());
        Assert.Equal(consumerArn, described["consumerARN"]!.GetValue<string>());
        Assert.Equal(streamArn, described["streamARN"]!.GetValue<string>());
        Assert.Equal(registered["creationTimestamp"]!.GetValue<string>(), described["creationTimestamp"]!.GetValue<string>());
        var listed = Assert.Single(run.Step("ListStreamConsumers")["consumers"]!.AsArray());
        Assert.Equal(consumerArn, listed!["consumerARN"]!.GetValue<string>());
        var deregistered = run.Step("DeregisterStreamConsumer");
        Assert.True(deregistered["gone"]!.GetValue<bool>(), run.Describe());
        Assert.Equal("ResourceNotFoundException", deregistered["afterwards"]!["name"]!.GetValue<string>());
        Assert.Equal($"Consumer {consumerArn} under stream {run.Stream} under account 000000000000 not found.",
            deregistered["afterwards"]!["message"]!.GetValue<string>());
    }

    private static void AssertError(ScenarioRun run, string step, string name, string message)
    {
        var line = run.Step(step);
        var error = line["error"];
        Assert.True(error is not null, $"{step}: no error was raised\n{run.Describe()}");
        Assert.Equal(name, error!["name"]!.GetValue<string>());
        Assert.Equal(400, error["httpStatusCode"]!.GetValue<int>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.True(line["matched"]!.GetValue<bool>(), run.Describe());
    }

    private async Task<ScenarioRun> RunScenarioAsync(string scenario, string transport)
    {
        var node = RepoPaths.FindOnPath("node");
        Assert.True(node is not null, "node is not on PATH; the real-client tests need Node.js (CI installs it).");
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.JsNodeModules, "@aws-sdk", "client-kinesis")),
            $"{RepoPaths.JsNodeModules} has no @aws-sdk/client-kinesis: run `npm ci --prefix test/js --ignore-scripts` (CI installs it).");

        var stream = Streams.UniqueName("js-" + scenario);
        List<string> arguments = [RepoPaths.ScenarioScript, scenario, "--endpoint", _server.Endpoint.ToString().TrimEnd('/'), "--stream", stream, "--timeout-ms", "45000"];
        if (transport != "h2c")
        {
            arguments.Add(transport);
        }

        var result = await ChildProcess.RunAsync(node!, arguments, NodeBound, workingDirectory: RepoPaths.JsDirectory);
        var run = new ScenarioRun(stream, result, ParseLines(result));
        var last = run.Lines.LastOrDefault();
        Assert.True(result.ExitCode == 0 && last?["result"]?.GetValue<string>() == "passed", $"scenario {scenario} ({transport}) did not pass\n{run.Describe()}");
        Assert.All(run.Lines, line => Assert.Equal(scenario, line["scenario"]!.GetValue<string>()));
        return run;
    }

    private static List<JsonNode> ParseLines(ChildProcessResult result)
    {
        var lines = new List<JsonNode>();
        foreach (var text in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                lines.Add(JsonNode.Parse(text) ?? throw new FormatException("null"));
            }
            catch (Exception error) when (error is System.Text.Json.JsonException or FormatException)
            {
                Assert.Fail($"stdout line is not a JSON object: {text}\n{result.Describe()}");
            }
        }

        return lines;
    }

    private sealed record ScenarioRun(string Stream, ChildProcessResult Result, List<JsonNode> Lines)
    {
        public JsonNode Step(string name)
        {
            var line = Lines.LastOrDefault(l => l["step"]?.GetValue<string>() == name);
            Assert.True(line is not null, $"no '{name}' step line\n{Describe()}");
            return line!;
        }

        public string Describe() => Result.Describe();
    }
}
