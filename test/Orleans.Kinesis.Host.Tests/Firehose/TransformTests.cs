using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>Lambda-contract transforms: HTTP hooks on loopback and an in-process transform.</summary>
[Collection(FirehoseCollection.Name)]
[Trait("Area", "Firehose")]
public sealed class TransformTests
{
    private const string Role = "arn:aws:iam::000000000000:role/firehose";
    private readonly FirehoseServer _server;
    private readonly TransformHooks _hooks;

    public TransformTests(FirehoseFixture fixture)
    {
        _server = fixture.Server;
        _hooks = fixture.Hooks;
    }

    private static object Destination(string name, string function, int retries, string? errorPrefix = null) => new
    {
        RoleARN = Role,
        BucketARN = "arn:aws:s3:::" + name,
        Prefix = "app/",
        ErrorOutputPrefix = errorPrefix,
        BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
        ProcessingConfiguration = new
        {
            Enabled = true,
            Processors = new[]
            {
                new
                {
                    Type = "Lambda",
                    Parameters = new[]
                    {
                        new { ParameterName = "LambdaArn", ParameterValue = TransformHooks.Arn(function) },
                        new { ParameterName = "NumberOfRetries", ParameterValue = retries.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    },
                },
            },
        },
    };

    [Fact]
    public async Task HttpHook_RewritesDropsAndFails_FailedRecordsGoToTheErrorPrefix()
    {
        var name = "rewrite-" + Guid.NewGuid().ToString("N")[..8];
        var before = _hooks.Count("rewrite");
        await _server.CreateAsync(name, Destination(name, "rewrite", retries: 0));
        await _server.PutBatchAsync(name, ["hello"u8.ToArray(), "drop me"u8.ToArray(), "fail me"u8.ToArray(), "world"u8.ToArray()]);

        var objects = await _server.WaitForObjectsAsync(name, 2);
        var data = Assert.Single(objects, o => !o.Key.Contains("processing-failed", StringComparison.Ordinal));
        Assert.StartsWith("app/", data.Key, StringComparison.Ordinal);
        Assert.Equal("HELLO\nWORLD\n", Encoding.UTF8.GetString(data.Value));

        var failed = Assert.Single(objects, o => o.Key.StartsWith("app/processing-failed/", StringComparison.Ordinal));
        Assert.Matches(@"^app/processing-failed/\d{4}/\d\d/\d\d/\d\d/", failed.Key);
        var document = JsonNode.Parse(Encoding.UTF8.GetString(failed.Value).TrimEnd('\n'))!;
        Assert.Equal("fail me", Encoding.UTF8.GetString(Convert.FromBase64String(document["rawData"]!.GetValue<string>())));
        Assert.Equal(1, document["attemptsMade"]!.GetValue<int>());
        Assert.Equal("Lambda.ProcessingFailed", document["errorCode"]!.GetValue<string>());
        Assert.Equal(TransformHooks.Arn("rewrite"), document["lambdaArn"]!.GetValue<string>());
        Assert.True(document["attemptEndingTimestamp"]!.GetValue<long>() >= document["arrivalTimestamp"]!.GetValue<long>());

        // The event carried the Lambda contract: ids unique, arrival in epoch milliseconds, base64 data.
        Assert.Equal(before + 1, _hooks.Count("rewrite"));
        var invocation = _hooks.Events["rewrite"].Last();
        Assert.Equal($"arn:aws:firehose:us-east-1:000000000000:deliverystream/{name}", invocation["deliveryStreamArn"]!.GetValue<string>());
        Assert.Equal("us-east-1", invocation["region"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(invocation["invocationId"]!.GetValue<string>()));
        var records = invocation["records"]!.AsArray();
        Assert.Equal(4, records.Count);
        Assert.Equal(4, records.Select(r => r!["recordId"]!.GetValue<string>()).Distinct().Count());
        Assert.All(records, r => Assert.InRange(r!["approximateArrivalTimestamp"]!.GetValue<long>(), 1_500_000_000_000, 4_000_000_000_000));
        Assert.Equal("world", Encoding.UTF8.GetString(Convert.FromBase64String(records[3]!["data"]!.GetValue<string>())));
    }

    [Fact]
    public async Task HttpHook_MissingRecordId_IsRetried_ThenEveryRecordFails()
    {
        var name = "missing-" + Guid.NewGuid().ToString("N")[..8];
        var before = _hooks.Count("missing");
        await _server.CreateAsync(name, Destination(name, "missing", retries: 2, errorPrefix: "errors/!{firehose:error-output-type}/"));
        await _server.PutBatchAsync(name, ["one"u8.ToArray(), "two"u8.ToArray()]);

        var (key, content) = (await _server.WaitForObjectsAsync(name, 1)).Single();
        Assert.StartsWith("errors/processing-failed/", key, StringComparison.Ordinal);
        var documents = Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(["one", "two"], documents.Select(d => Encoding.UTF8.GetString(Convert.FromBase64String(d["rawData"]!.GetValue<string>()))));
        Assert.All(documents, d =>
        {
            Assert.Equal("Lambda.MissingRecordId", d["errorCode"]!.GetValue<string>());
            Assert.Equal(3, d["attemptsMade"]!.GetValue<int>());
        });
        Assert.Equal(before + 3, _hooks.Count("missing"));
    }

    [Fact]
    public async Task HttpHook_ServerError_FailsAfterRetries()
    {
        var name = "error-" + Guid.NewGuid().ToString("N")[..8];
        var before = _hooks.Count("error");
        await _server.CreateAsync(name, Destination(name, "error", retries: 1));
        await _server.PutBatchAsync(name, ["x"u8.ToArray()]);

        var (key, content) = (await _server.WaitForObjectsAsync(name, 1)).Single();
        Assert.StartsWith("app/processing-failed/", key, StringComparison.Ordinal);
        var document = JsonNode.Parse(Encoding.UTF8.GetString(content))!;
        Assert.Equal("Lambda.FunctionError", document["errorCode"]!.GetValue<string>());
        Assert.Contains("500", document["errorMessage"]!.GetValue<string>());
        Assert.Equal(2, document["attemptsMade"]!.GetValue<int>());
        Assert.Equal(before + 2, _hooks.Count("error"));
    }

    [Fact]
    public async Task InProcessTransform_ByFunctionName_AndUnknownFunction()
    {
        var name = "reverse-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateAsync(name, Destination(name, "reverse", retries: 0));
        await _server.PutBatchAsync(name, ["abc"u8.ToArray(), "def"u8.ToArray()]);
        var (_, content) = (await _server.WaitForObjectsAsync(name, 1)).Single();
        Assert.Equal("cbafed", Encoding.UTF8.GetString(content));

        var unknown = "unknown-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateAsync(unknown, Destination(unknown, "no-such-function", retries: 0));
        await _server.PutBatchAsync(unknown, ["abc"u8.ToArray()]);
        var (key, failed) = (await _server.WaitForObjectsAsync(unknown, 1)).Single();
        Assert.StartsWith("app/processing-failed/", key, StringComparison.Ordinal);
        Assert.Equal("Lambda.ResourceNotFound", JsonNode.Parse(failed)!["errorCode"]!.GetValue<string>());
    }
}
