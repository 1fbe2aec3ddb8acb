using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.RealClients;

/// <summary>The AWS CLI (v1 or v2, HTTP/1.1) against a server of its own, with the machine's AWS configuration shut out.</summary>
[Trait("Area", "RealClients")]
public sealed class AwsCliTests : IClassFixture<ServerFixture>, IDisposable
{
    private static readonly TimeSpan CliBound = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<int>> _majorVersion = new(ReadMajorVersionAsync);
    private readonly ServerFixture _server;
    private readonly TempDataDirectory _scratch = new("aws-cli");

    public AwsCliTests(ServerFixture server) => _server = server;

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Cli_CreatesPutsReadsListsAndDeletesAStream()
    {
        var stream = Streams.UniqueName("cli");
        await AwsOkAsync("create-stream", "--stream-name", stream, "--shard-count", "2");

        var watch = Stopwatch.StartNew();
        JsonNode summary;
        do
        {
            summary = (await AwsOkAsync("describe-stream-summary", "--stream-name", stream))!["StreamDescriptionSummary"]!;
        }
        while (summary["StreamStatus"]!.GetValue<string>() != "ACTIVE" && watch.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Equal("ACTIVE", summary["StreamStatus"]!.GetValue<string>());
        Assert.Equal(2, summary["OpenShardCount"]!.GetValue<int>());

        // Binary data through fileb:// (read raw by v1 and v2 alike); text records inline in put-records.
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var binaryFile = Path.Combine(_scratch.Path, "all-bytes.bin");
        await File.WriteAllBytesAsync(binaryFile, binary);
        var put = await AwsOkAsync("put-record", "--stream-name", stream, "--partition-key", "pk-binary", "--data", "fileb://" + binaryFile);
        var sent = new List<(string Shard, string Sequence, string Key, byte[] Data)>
        {
            (put!["ShardId"]!.GetValue<string>(), put["SequenceNumber"]!.GetValue<string>(), "pk-binary", binary),
        };

        var texts = new[] { ("alpha", "first text record"), ("bravo", "second text record, a bit longer " + new string('x', 300)), ("charlie-0123456789", "third") };
        var records = new JsonArray(texts.Select(t => (JsonNode)new JsonObject { ["Data"] = t.Item2, ["PartitionKey"] = t.Item1 }).ToArray());
        var putRecords = await AwsOkAsync("put-records", "--stream-name", stream, "--records", records.ToJsonString());
        Assert.Equal(0, putRecords!["FailedRecordCount"]?.GetValue<int>() ?? 0);
        var results = putRecords["Records"]!.AsArray();
        Assert.Equal(3, results.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            sent.Add((results[i]!["ShardId"]!.GetValue<string>(), results[i]!["SequenceNumber"]!.GetValue<string>(), texts[i].Item1, Encoding.UTF8.GetBytes(texts[i].Item2)));
        }

        var shards = (await AwsOkAsync("list-shards", "--stream-name", stream))!["Shards"]!.AsArray().Select(s => s!["ShardId"]!.GetValue<string>()).ToList();
        Assert.Equal(["shardId-000000000000", "shardId-000000000001"], shards);

        var received = new Dictionary<string, (string Shard, string Key, byte[] Data)>();
        foreach (var shard in shards)
        {
            var expected = sent.Count(s => s.Shard == shard);
            var iterator = (await AwsOkAsync("get-shard-iterator", "--stream-name", stream, "--shard-id", shard, "--shard-iterator-type", "TRIM_HORIZON"))!["ShardIterator"]!.GetValue<string>();
            var seen = 0;
            for (var calls = 0; calls < 5 && seen < expected; calls++)
            {
                var page = await AwsOkAsync("get-records", "--shard-iterator", iterator);
                foreach (var record in page!["Records"]!.AsArray())
                {
                    received[record!["SequenceNumber"]!.GetValue<string>()] = (shard, record["PartitionKey"]!.GetValue<string>(), Convert.FromBase64String(record["Data"]!.GetValue<string>()));
                    seen++;
                }

                iterator = page["NextShardIterator"]!.GetValue<string>();
            }

            Assert.Equal(expected, seen);
        }

        Assert.Equal(sent.Count, received.Count);
        foreach (var record in sent)
        {
            Assert.True(received.TryGetValue(record.Sequence, out var got), $"record {record.Sequence} ({record.Key}) not read back");
            Assert.Equal(record.Shard, got.Shard);
            Assert.Equal(record.Key, got.Key);
            Assert.Equal(record.Data, got.Data);
        }

        var names = (await AwsOkAsync("list-streams"))!["StreamNames"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Contains(stream, names);

        await AwsOkAsync("delete-stream", "--stream-name", stream);
        var gone = await AwsAsync("describe-stream-summary", "--stream-name", stream);
        Assert.True(gone.ExitCode != 0, $"the deleted stream is still described\n{gone.Describe()}");
        Assert.Contains("ResourceNotFoundException", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_DescribeStreamOfAMissingStream_FailsWithResourceNotFound()
    {
        var stream = Streams.UniqueName("cli-missing");
        var result = await AwsAsync("describe-stream", "--stream-name", stream);

        Assert.True(result.ExitCode != 0, $"describe-stream of a missing stream succeeded\n{result.Describe()}");
        Assert.Contains("ResourceNotFoundException", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Stream {stream} under account 000000000000 not found.", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<JsonNode?> AwsOkAsync(string command, params string[] arguments)
    {
        var result = await AwsAsync(command, arguments);
        Assert.True(result.ExitCode == 0, $"aws kinesis {command} failed\n{result.Describe()}");
        return result.Stdout.Trim().Length == 0 ? null : JsonNode.Parse(result.Stdout);
    }

    private async Task<ChildProcessResult> AwsAsync(string command, params string[] arguments)
    {
        var aws = RepoPaths.FindOnPath("aws");
        Assert.True(aws is not null, "the AWS CLI (`aws`) is not on PATH (CI installs the awscli package).");
        List<string> all = ["kinesis", command, .. arguments, "--endpoint-url", _server.Endpoint.ToString().TrimEnd('/'), "--output", "json", "--region", "us-east-1"];
        if (await _majorVersion.Value >= 2)
        {
            all.Add("--cli-binary-format");
            all.Add("raw-in-base64-out");
        }

        return await ChildProcess.RunAsync(aws!, all, CliBound, CliEnvironment(_scratch.Path), _scratch.Path);
    }

    /// <summary>Dummy credentials and region; config and credentials files that do not exist; no inherited profile, endpoint or proxy.</summary>
    private static Dictionary<string, string?> CliEnvironment(string scratch)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase) || key.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase))
            {
                environment[key] = null;
            }
        }

        environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        environment["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        environment["AWS_DEFAULT_REGION"] = "us-east-1";
        environment["AWS_CONFIG_FILE"] = Path.Combine(scratch, "missing", "config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(scratch, "missing", "credentials");
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        environment["AWS_PAGER"] = string.Empty;
        environment["AWS_MAX_ATTEMPTS"] = "1";
        return environment;
    }

    private static async Task<int> ReadMajorVersionAsync()
    {
        var aws = RepoPaths.FindOnPath("aws") ?? "aws";
        using var scratch = new TempDataDirectory("aws-cli-version");
        var result = await ChildProcess.RunAsync(aws, ["--version"], CliBound, CliEnvironment(scratch.Path));
        var text = result.Stdout + result.Stderr;
        Assert.True(result.ExitCode == 0 && text.Contains("aws-cli/", StringComparison.Ordinal), $"`aws --version` did not name the CLI version\n{result.Describe()}");
        return text.Contains("aws-cli/1.", StringComparison.Ordinal) ? 1 : 2;
    }
}
