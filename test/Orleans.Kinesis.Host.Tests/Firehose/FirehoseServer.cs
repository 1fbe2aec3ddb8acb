using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Grains.Hosting;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>
/// A whole server with file storage in a data directory (so delivered objects can be read from the bucket
/// folders), shiftable time, a fast delivery check and the test transforms: HTTP hooks on <see cref="TransformHooks"/>
/// and the in-process transform <c>reverse</c>.
/// </summary>
public sealed class FirehoseServer : IAsyncDisposable
{
    public const string Account = "000000000000";
    private readonly WebApplication _app;

    private FirehoseServer(WebApplication app, string dataDirectory, ShiftableTimeProvider time)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Time = time;
        Endpoint = KinesisServer.Endpoint(app);
        Http = new KinesisHttp(Endpoint, new Version(1, 1));
    }

    public string DataDirectory { get; }

    public ShiftableTimeProvider Time { get; }

    public Uri Endpoint { get; }

    public KinesisHttp Http { get; }

    public static async Task<FirehoseServer> StartAsync(string dataDirectory, ShiftableTimeProvider time, TransformHooks? hooks = null)
    {
        var options = new KinesisHostOptions { Port = 0, DataDirectory = dataDirectory, ThroughputLimits = false, ControlPlaneLimits = false, TransformTimeoutMs = 5_000 };
        if (hooks is not null)
        {
            foreach (var (arn, url) in hooks.Mappings)
            {
                options.FirehoseHooks[arn] = url;
            }
        }

        var app = KinesisServer.Build(options, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.Configure<FirehoseOptions>(firehose => firehose.DeliveryCheckInterval = TimeSpan.FromMilliseconds(50));
            services.AddFirehoseTransform("reverse", new ReverseTransform());
        });
        await app.StartAsync();
        return new FirehoseServer(app, dataDirectory, time);
    }

    public Task<KinesisResponse> CallAsync(string operation, object body)
        => Http.SendAsync(Http.Request("Firehose_20150804." + operation, JsonSerializer.Serialize(body)));

    public async Task<JsonNode?> OkAsync(string operation, object body)
    {
        var response = await CallAsync(operation, body);
        Assert.True(response.Status == HttpStatusCode.OK, $"{operation} failed: {(int)response.Status} {response.Text}");
        return response.Json;
    }

    public async Task<KinesisResponse> ErrorAsync(string operation, object body, string type)
    {
        var response = await CallAsync(operation, body);
        Assert.True(response.Status == HttpStatusCode.BadRequest, $"{operation}: expected 400 {type}, got {(int)response.Status} {response.Text}");
        Assert.Equal(type, response.Json!["__type"]!.GetValue<string>());
        return response;
    }

    /// <summary>Creates a DirectPut stream with an ExtendedS3 destination built from <paramref name="destination"/> and waits for ACTIVE.</summary>
    public async Task CreateAsync(string name, object destination)
    {
        await OkAsync("CreateDeliveryStream", new Dictionary<string, object>
        {
            ["DeliveryStreamName"] = name,
            ["ExtendedS3DestinationConfiguration"] = destination,
        });
        var description = await OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name });
        Assert.Equal("ACTIVE", description!["DeliveryStreamDescription"]!["DeliveryStreamStatus"]!.GetValue<string>());
    }

    public Task PutBatchAsync(string name, IEnumerable<byte[]> records)
        => OkAsync("PutRecordBatch", new { DeliveryStreamName = name, Records = records.Select(r => new { Data = Convert.ToBase64String(r) }).ToArray() });

    public string BucketFolder(string bucket) => Path.Combine(DataDirectory, "buckets", bucket);

    /// <summary>The bucket's objects (key → bytes) once at least <paramref name="count"/> exist under <paramref name="prefix"/>; fails after 20 s.</summary>
    public async Task<SortedDictionary<string, byte[]>> WaitForObjectsAsync(string bucket, int count, string prefix = "")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var objects = ReadObjects(bucket, prefix);
            if (objects.Count >= count)
            {
                return objects;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"waiting for {count} object(s) under '{prefix}' in bucket {bucket}: found {objects.Count} ({string.Join(", ", objects.Keys)})");
            await Task.Delay(25);
        }
    }

    public SortedDictionary<string, byte[]> ReadObjects(string bucket, string prefix = "")
    {
        var folder = BucketFolder(bucket);
        var objects = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return objects;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                objects[key] = File.ReadAllBytes(file);
            }
        }

        return objects;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
