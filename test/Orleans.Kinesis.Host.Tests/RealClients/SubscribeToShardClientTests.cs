using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.RealClients;

/// <summary>
/// SubscribeToShard with the real clients: the AWS SDK for JavaScript v3 over h2c (test/js/subscribe-scenarios.mjs)
/// and boto3 from Debian over HTTP/1.1 (test/python/subscribe_scenarios.py). Takeover and heartbeat scenarios wait on
/// the server's real 5 s rules, so each takes about 5 s.
/// </summary>
[Collection(ServerCollection.Name)]
[Trait("Area", "RealClients")]
public sealed class SubscribeToShardClientTests
{
    private static readonly TimeSpan ClientBound = TimeSpan.FromSeconds(60);
    private readonly ServerFixture _server;

    public SubscribeToShardClientTests(ServerFixture server) => _server = server;

    public static TheoryData<string, string> Scenarios => new()
    {
        { "js", "order-resume" },
        { "js", "shard-end" },
        { "js", "takeover" },
        { "js", "heartbeat" },
        { "boto3", "order-resume" },
        { "boto3", "shard-end" },
        { "boto3", "takeover" },
        { "boto3", "heartbeat" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RealClient_Scenario_Passes(string client, string scenario)
    {
        var stream = Streams.UniqueName($"{client}-{scenario}");
        var endpoint = _server.Endpoint.ToString().TrimEnd('/');
        ChildProcessResult result;
        if (client == "js")
        {
            var node = RepoPaths.FindOnPath("node");
            Assert.True(node is not null, "node is not on PATH; the real-client tests need Node.js (CI installs it).");
            result = await ChildProcess.RunAsync(node!, [Path.Combine(RepoPaths.JsDirectory, "subscribe-scenarios.mjs"), scenario, "--endpoint", endpoint, "--stream", stream, "--timeout-ms", "45000"],
                ClientBound, workingDirectory: RepoPaths.JsDirectory);
        }
        else
        {
            Assert.True(File.Exists("/usr/bin/python3"), "/usr/bin/python3 is missing; the boto3 tests need Debian's python3-boto3 (CI installs it).");
            result = await ChildProcess.RunAsync("/usr/bin/python3", [Path.Combine(RepoPaths.Root, "test", "python", "subscribe_scenarios.py"), scenario, "--endpoint", endpoint, "--stream", stream, "--timeout-s", "45"],
                ClientBound, workingDirectory: RepoPaths.Root);
        }

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        var last = lines.LastOrDefault();
        Assert.True(result.ExitCode == 0 && last?["result"]?.GetValue<string>() == "passed", $"{client} scenario {scenario} did not pass\n{result.Describe()}");
        Assert.All(lines, line => Assert.Equal(scenario, line["scenario"]!.GetValue<string>()));
    }
}
