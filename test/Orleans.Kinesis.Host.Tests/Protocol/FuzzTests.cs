using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Kinesis.Host.Tests.Protocol;

/// <summary>
/// Bounded fuzzing on loopback: 10,000 requests made by mutating valid requests of every served operation (Kinesis,
/// Firehose and SubscribeToShard), in JSON and CBOR, over HTTP/1.1 and h2c, with mutated headers. No request may get a
/// 5xx, hang or crash the server, and a stream the fuzzer only reads keeps its data.
/// </summary>
[Trait("Area", "Fuzz")]
public sealed class FuzzTests : IAsyncLifetime
{
    private const int RequestCount = 10_000;
    private const string Victim = "fuzz-victim";
    private readonly ITestOutputHelper _output;
    private WebApplication? _app;
    private Uri _endpoint = null!;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _app = KinesisServer.Build(new KinesisHostOptions { Port = 0, InMemory = true, ShardLimit = 60, ThroughputLimits = false, ControlPlaneLimits = false });
        await _app.StartAsync();
        _endpoint = KinesisServer.Endpoint(_app);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task MutatedRequests_NeverGet5xx_NeverHang_AndLeaveUntouchedDataAlone()
    {
        using var http = new KinesisHttp(_endpoint, new Version(1, 1), maxConnections: 8);
        await http.OkAsync("CreateStream", new { StreamName = Victim, ShardCount = 2 });
        await Streams.WaitForStatusAsync(http, Victim, "ACTIVE");
        await http.OkAsync("PutRecords", new { StreamName = Victim, Records = Enumerable.Range(0, 40).Select(i => new { Data = Convert.ToBase64String(Encoding.UTF8.GetBytes("victim-" + i)), PartitionKey = "p" + i }).ToArray() });
        await http.OkAsync("CreateStream", new { StreamName = "fuzz-target", ShardCount = 1 });
        var before = await SnapshotAsync(http);
        var iterator = await Streams.IteratorAsync(http, Victim, "shardId-000000000000", "TRIM_HORIZON");

        await http.OkAsync("RegisterStreamConsumer", new { StreamARN = "arn:aws:kinesis:us-east-1:000000000000:stream/" + Victim, ConsumerName = "fuzz-reader" });
        var templates = Templates(iterator);
        var random = new Random(20261122);
        var requests = Enumerable.Range(0, RequestCount).Select(_ => Mutations.Make(random, templates)).ToList();
        var statuses = new Dictionary<string, int>();
        var failures = new List<string>();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = _endpoint, Timeout = TimeSpan.FromSeconds(20) };
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (fuzz, cancellation) =>
        {
            using var request = fuzz.ToRequest();
            using var response = await client.SendAsync(request, cancellation);
            var body = await response.Content.ReadAsByteArrayAsync(cancellation);
            lock (statuses)
            {
                var key = $"{(int)response.StatusCode}/h{response.Version.Major}";
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                if ((int)response.StatusCode >= 500 || ((int)response.StatusCode >= 400 && (int)response.StatusCode is not (404 or 413) && !HasErrorType(response, body)))
                {
                    failures.Add($"{(int)response.StatusCode} for {fuzz.Describe()}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)))}");
                }
            }
        });

        _output.WriteLine($"sent {requests.Count} fuzzed requests ({requests.Count(r => r.Cbor)} in CBOR); statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers, e.g.:\n{string.Join('\n', failures.Take(10))}");
        Assert.Equal(RequestCount, statuses.Values.Sum());
        Assert.Equal(before, await SnapshotAsync(http));
    }

    private static bool HasErrorType(HttpResponseMessage response, byte[] body)
    {
        if (response.Content.Headers.ContentType?.MediaType == "application/vnd.amazon.eventstream")
        {
            return body.Length > 0; // an event-stream answer: errors travel as exception events
        }

        if (response.Content.Headers.ContentType?.MediaType == "application/x-amz-cbor-1.1")
        {
            return TestCbor.Decode(body) is Dictionary<string, object?> map && map.ContainsKey("__type");
        }

        return JsonNode.Parse(body)?["__type"] is not null;
    }

    /// <summary>The victim stream's shards and records, as text, for before/after comparison.</summary>
    private static async Task<string> SnapshotAsync(KinesisHttp http)
    {
        var shards = (await http.OkAsync("ListShards", new { StreamName = Victim }))!["Shards"]!.ToJsonString();
        var builder = new StringBuilder(shards);
        foreach (var shard in new[] { "shardId-000000000000", "shardId-000000000001" })
        {
            foreach (var record in await Streams.ReadAllAsync(http, Victim, shard))
            {
                builder.Append('|').Append(record["SequenceNumber"]).Append(record["Data"]).Append(record["PartitionKey"]);
            }
        }

        return builder.ToString();
    }

    private const string Kinesis = "Kinesis_20131202.";
    private const string Firehose = "Firehose_20150804.";

    private static List<(string Target, JsonObject Body)> Templates(string iterator) =>
    [.. KinesisTemplates(iterator).Select(t => (Kinesis + t.Operation, t.Body)), .. FirehoseTemplates().Select(t => (Firehose + t.Operation, t.Body))];

    private static List<(string Operation, JsonObject Body)> FirehoseTemplates()
    {
        static JsonObject Destination() => new() { ["RoleARN"] = "arn:aws:iam::000000000000:role/r", ["BucketARN"] = "arn:aws:s3:::fuzz-bucket", ["Prefix"] = "p/" };
        return
        [
            ("CreateDeliveryStream", new JsonObject { ["DeliveryStreamName"] = "fuzz-ds", ["ExtendedS3DestinationConfiguration"] = Destination() }),
            ("DescribeDeliveryStream", new JsonObject { ["DeliveryStreamName"] = "fuzz-ds", ["Limit"] = 1 }),
            ("ListDeliveryStreams", new JsonObject { ["Limit"] = 2, ["DeliveryStreamType"] = "DirectPut" }),
            ("PutRecord", new JsonObject { ["DeliveryStreamName"] = "fuzz-ds", ["Record"] = new JsonObject { ["Data"] = "aGVsbG8=" } }),
            ("PutRecordBatch", new JsonObject { ["DeliveryStreamName"] = "fuzz-ds", ["Records"] = new JsonArray(new JsonObject { ["Data"] = "AAEC" }) }),
            ("UpdateDestination", new JsonObject
            {
                ["DeliveryStreamName"] = "fuzz-ds", ["CurrentDeliveryStreamVersionId"] = "1", ["DestinationId"] = "destinationId-000000000001",
                ["ExtendedS3DestinationUpdate"] = new JsonObject { ["Prefix"] = "q/", ["BufferingHints"] = new JsonObject { ["SizeInMBs"] = 1, ["IntervalInSeconds"] = 60 } },
            }),
            ("TagDeliveryStream", new JsonObject { ["DeliveryStreamName"] = "fuzz-ds", ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "k", ["Value"] = "v" }) }),
            ("ListTagsForDeliveryStream", new JsonObject { ["DeliveryStreamName"] = "fuzz-ds", ["Limit"] = 5 }),
        ];
    }

    private static List<(string Operation, JsonObject Body)> KinesisTemplates(string iterator) =>
    [
        ("CreateStream", new JsonObject { ["StreamName"] = "fuzz-new", ["ShardCount"] = 1 }),
        ("DeleteStream", new JsonObject { ["StreamName"] = "fuzz-new" }),
        ("DescribeStream", new JsonObject { ["StreamName"] = Victim, ["Limit"] = 5 }),
        ("DescribeStreamSummary", new JsonObject { ["StreamName"] = Victim }),
        ("ListStreams", new JsonObject { ["Limit"] = 3, ["ExclusiveStartStreamName"] = "a" }),
        ("ListShards", new JsonObject { ["StreamName"] = Victim, ["MaxResults"] = 1, ["ShardFilter"] = new JsonObject { ["Type"] = "AFTER_SHARD_ID", ["ShardId"] = "shardId-000000000000" } }),
        ("PutRecord", new JsonObject { ["StreamName"] = "fuzz-target", ["Data"] = "aGVsbG8=", ["PartitionKey"] = "k", ["ExplicitHashKey"] = "1" }),
        ("PutRecords", new JsonObject { ["StreamName"] = "fuzz-target", ["Records"] = new JsonArray(new JsonObject { ["Data"] = "AAEC", ["PartitionKey"] = "a" }, new JsonObject { ["Data"] = "", ["PartitionKey"] = "b" }) }),
        ("GetShardIterator", new JsonObject { ["StreamName"] = Victim, ["ShardId"] = "shardId-000000000001", ["ShardIteratorType"] = "AT_TIMESTAMP", ["Timestamp"] = 1.5 }),
        ("GetRecords", new JsonObject { ["ShardIterator"] = iterator, ["Limit"] = 2 }),
        ("DescribeLimits", new JsonObject()),
        ("AddTagsToStream", new JsonObject { ["StreamName"] = "fuzz-target", ["Tags"] = new JsonObject { ["k"] = "v" } }),
        ("ListTagsForStream", new JsonObject { ["StreamName"] = Victim, ["Limit"] = 1 }),
        ("IncreaseStreamRetentionPeriod", new JsonObject { ["StreamName"] = "fuzz-target", ["RetentionPeriodHours"] = 48 }),
        ("EnableEnhancedMonitoring", new JsonObject { ["StreamName"] = "fuzz-target", ["ShardLevelMetrics"] = new JsonArray("ALL") }),
        ("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = "arn:aws:kinesis:us-east-1:000000000000:stream/fuzz-target", ["ConsumerName"] = "c" }),
        ("ListStreamConsumers", new JsonObject { ["StreamARN"] = "arn:aws:kinesis:us-east-1:000000000000:stream/" + Victim }),
        ("PutResourcePolicy", new JsonObject { ["ResourceARN"] = "arn:aws:kinesis:us-east-1:000000000000:stream/fuzz-target", ["Policy"] = "{}" }),
        ("GetResourcePolicy", new JsonObject { ["ResourceARN"] = "arn:aws:kinesis:us-east-1:000000000000:stream/" + Victim }),
        ("UpdateAccountSettings", new JsonObject { ["MinimumThroughputBillingCommitment"] = new JsonObject { ["Status"] = "ENABLED" } }),
        ("StartStreamEncryption", new JsonObject { ["StreamName"] = "fuzz-target", ["EncryptionType"] = "KMS", ["KeyId"] = "alias/aws/kinesis" }),
        ("StopStreamEncryption", new JsonObject { ["StreamName"] = "fuzz-target", ["EncryptionType"] = "KMS", ["KeyId"] = "arn:aws:kms:us-east-1:000000000000:alias/x" }),
        ("UpdateStreamWarmThroughput", new JsonObject { ["StreamName"] = "fuzz-target", ["WarmThroughputMiBps"] = 2 }),
        // A consumer that does not exist: a valid subscription would stream for five minutes, a fuzzed one must fail fast.
        ("SubscribeToShard", new JsonObject
        {
            ["ConsumerARN"] = "arn:aws:kinesis:us-east-1:000000000000:stream/" + Victim + "/consumer/missing:1",
            ["ShardId"] = "shardId-000000000000", ["StartingPosition"] = new JsonObject { ["Type"] = "LATEST" },
        }),
    ];

    private sealed record FuzzRequest(string? Target, byte[] Body, string ContentType, bool Cbor, bool Http2, List<(string Name, string Value)> Headers)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/")
            {
                Content = new ByteArrayContent(Body),
                Version = Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            if (Target is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Amz-Target", Target);
            }

            foreach (var (name, value) in Headers)
            {
                request.Headers.Remove(name);
            }

            if (!Headers.Exists(static h => h.Name == "Authorization"))
            {
                request.Headers.TryAddWithoutValidation("Authorization", KinesisHttp.Authorization);
            }

            if (!Headers.Exists(static h => h.Name == "X-Amz-Date"))
            {
                request.Headers.TryAddWithoutValidation("X-Amz-Date", "20240115T120000Z");
            }

            foreach (var (name, value) in Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        }

        public string Describe() => $"{Target} h{(Http2 ? 2 : 1)} {string.Join(' ', Headers.Select(h => h.Name + "=" + h.Value[..Math.Min(h.Value.Length, 60)]))} [{ContentType}] {(Cbor ? Convert.ToHexString(Body.AsSpan(0, Math.Min(Body.Length, 120))) : Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300))))}";
    }

    /// <summary>Mutation operators over a template: structure, types, values and raw bytes.</summary>
    private static class Mutations
    {
        private static readonly JsonNode?[] OddValues =
        [
            null, JsonValue.Create(""), JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(1e300), JsonValue.Create(-2.5),
            JsonValue.Create(long.MaxValue), JsonValue.Create(true), JsonValue.Create(new string('z', 3000)), JsonValue.Create("é€😀\u0000"),
            JsonValue.Create("shardId-999999999999"), JsonValue.Create("340282366920938463463374607431768211456"), JsonValue.Create("!!!"),
            new JsonArray(), new JsonObject(), new JsonArray(1, "x", null), JsonValue.Create("AAA"), JsonValue.Create("arn:aws:kinesis:us-east-1:000000000000:stream/x"),
        ];

        /// <summary>Operations a body of another operation may be sent to: none of them changes data (a DeleteStream with
        /// the read-only stream's name would be a valid request, not a fuzzing failure).</summary>
        private static readonly string[] ReadOnly =
            ["DescribeStream", "DescribeStreamSummary", "ListShards", "ListStreams", "GetShardIterator", "GetRecords", "ListTagsForStream", "DescribeLimits"];

        /// <summary>Header values a hostile client might send instead of the right ones.</summary>
        private static readonly (string Name, string[] Values)[] OddHeaders =
        [
            ("Authorization", ["", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/f/g, SignedHeaders=;;;, Signature=", "Bearer x", new string('A', 8000),
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240115/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=zz"]),
            ("X-Amz-Date", ["", "yesterday", "99999999T999999Z", "20240115T120000", new string('9', 3000)]),
            ("X-Amz-Target", ["Kinesis_20131202.", ".", "Firehose_20150804.Nope", new string('K', 4000), "Kinesis_20131202.ListStreams, Kinesis_20131202.DeleteStream"]),
            ("X-Amz-Content-SHA256", ["UNSIGNED-PAYLOAD", "00", new string('f', 64), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"]),
            ("Date", ["Mon, 15 Jan 2024 12:00:00 GMT", "not a date"]),
            ("Origin", ["http://evil.example", ""]),
            ("Expect", ["100-continue"]),
        ];

        public static FuzzRequest Make(Random random, List<(string Target, JsonObject Body)> templates)
        {
            var (templateTarget, template) = templates[random.Next(templates.Count)];
            var body = (JsonObject)template.DeepClone();
            var rounds = random.Next(1, 4);
            for (var i = 0; i < rounds; i++)
            {
                MutateTree(random, body);
            }

            var target = random.Next(40) switch
            {
                0 => null,
                1 => "Kinesis_20131202.Nope",
                2 => "Kinesis_20131202." + ReadOnly[random.Next(ReadOnly.Length)], // a body of another operation
                _ => templateTarget,
            };
            var cbor = random.Next(4) == 0;
            var bytes = cbor ? TestCbor.Encode(ToPlain(body)) : Encoding.UTF8.GetBytes(body.ToJsonString());
            if (random.Next(5) == 0)
            {
                bytes = MutateBytes(random, bytes);
            }

            var contentType = random.Next(60) == 0 ? "text/plain" : cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1";
            var headers = new List<(string Name, string Value)>();
            if (random.Next(6) == 0)
            {
                var (name, values) = OddHeaders[random.Next(OddHeaders.Length)];
                headers.Add((name, values[random.Next(values.Length)]));
            }

            return new FuzzRequest(target, bytes, contentType, cbor, Http2: random.Next(3) == 0, headers);
        }

        private static void MutateTree(Random random, JsonObject body)
        {
            var container = PickContainer(random, body);
            switch (random.Next(5))
            {
                case 0 when container is JsonObject obj && obj.Count > 0:
                    obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                    break;
                case 1 when container is JsonObject obj && obj.Count > 0:
                    obj[obj.ElementAt(random.Next(obj.Count)).Key] = OddValues[random.Next(OddValues.Length)]?.DeepClone();
                    break;
                case 2 when container is JsonArray array && array.Count > 0:
                    array[random.Next(array.Count)] = OddValues[random.Next(OddValues.Length)]?.DeepClone();
                    break;
                case 3 when container is JsonArray array:
                    for (var i = random.Next(1, 600); i > 0; i--)
                    {
                        array.Add(array.Count > 0 ? array[0]?.DeepClone() : null);
                    }

                    break;
                default:
                    if (container is JsonObject target)
                    {
                        target["Unknown" + random.Next(3)] = OddValues[random.Next(OddValues.Length)]?.DeepClone();
                    }

                    break;
            }
        }

        private static JsonNode PickContainer(Random random, JsonNode node)
        {
            var children = node switch
            {
                JsonObject obj => obj.Select(p => p.Value).Where(v => v is JsonObject or JsonArray).ToList(),
                JsonArray array => array.Where(v => v is JsonObject or JsonArray).ToList(),
                _ => [],
            };
            return children.Count == 0 || random.Next(2) == 0 ? node : PickContainer(random, children[random.Next(children.Count)]!);
        }

        private static byte[] MutateBytes(Random random, byte[] bytes)
        {
            switch (random.Next(3))
            {
                case 0:
                    return bytes.AsSpan(0, random.Next(bytes.Length + 1)).ToArray();
                case 1:
                    var copy = (byte[])bytes.Clone();
                    if (copy.Length > 0)
                    {
                        copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    }

                    return copy;
                default:
                    return [.. bytes, .. Encoding.UTF8.GetBytes(new string('[', random.Next(1, 200)))];
            }
        }

        /// <summary>The JSON tree as plain values for the CBOR encoder (Data strings become byte strings).</summary>
        private static object? ToPlain(JsonNode? node, string? name = null) => node switch
        {
            null => null,
            JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value, p.Key)),
            JsonArray array => array.Select(v => ToPlain(v, name)).ToList(),
            JsonValue value when value.TryGetValue<string>(out var text) && name == "Data" && TryBase64(text, out var blob) => blob,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            JsonValue value when value.TryGetValue<long>(out var integer) => integer,
            JsonValue value when value.TryGetValue<int>(out var small) => (long)small,
            JsonValue value => value.GetValue<double>(),
            _ => null,
        };

        private static bool TryBase64(string text, out byte[] blob)
        {
            blob = new byte[text.Length];
            if (Convert.TryFromBase64String(text, blob, out var written))
            {
                blob = blob[..written];
                return true;
            }

            return false;
        }
    }
}
