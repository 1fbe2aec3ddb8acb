using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>With <c>--storage blob</c> a delivery stream's bucket is an Azure Blob container: delivered to Azurite.</summary>
[Trait("Area", "Firehose")]
public sealed class FirehoseOnBlobTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private WebApplication _app = null!;
    private KinesisHttp _http = null!;
    private string _dataDirectory = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        _dataDirectory = Path.Combine(Path.GetTempPath(), "okfh-blob-" + Guid.NewGuid().ToString("N"));
        var options = new KinesisHostOptions
        {
            Port = 0,
            Storage = "blob",
            BlobConnectionString = _azurite.ConnectionString,
            DataDirectory = _dataDirectory,
            ThroughputLimits = false,
            ControlPlaneLimits = false,
        };
        _app = KinesisServer.Build(options, configureServices: services =>
            services.Configure<FirehoseOptions>(firehose => firehose.DeliveryCheckInterval = TimeSpan.FromMilliseconds(50)));
        await _app.StartAsync();
        _http = new KinesisHttp(KinesisServer.Endpoint(_app), new Version(1, 1));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task PutRecordBatch_IsDeliveredAsAGzipBlob_InTheBucketsContainer()
    {
        var name = "blob-" + Guid.NewGuid().ToString("N")[..8];
        await CallOkAsync("CreateDeliveryStream", new
        {
            DeliveryStreamName = name,
            ExtendedS3DestinationConfiguration = new
            {
                RoleARN = "arn:aws:iam::000000000000:role/firehose",
                BucketARN = "arn:aws:s3:::" + name,
                Prefix = "events/",
                CompressionFormat = "GZIP",
                BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
            },
        });
        var records = Enumerable.Range(0, 50).Select(i => Encoding.UTF8.GetBytes($"record {i}\n")).ToArray();
        await CallOkAsync("PutRecordBatch", new { DeliveryStreamName = name, Records = records.Select(r => new { Data = Convert.ToBase64String(r) }).ToArray() });

        var blobs = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(name);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var delivered = new MemoryStream();
        var names = new List<string>();
        while (delivered.Length < records.Sum(r => r.Length))
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {delivered.Length} bytes were delivered to container {name}");
            delivered.SetLength(0);
            names.Clear();
            try
            {
                await foreach (var item in blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = "events/" }, CancellationToken.None))
                {
                    names.Add(item.Name);
                    var download = await blobs.GetBlobClient(item.Name).DownloadContentAsync(CancellationToken.None);
                    using var gzip = new GZipStream(download.Value.Content.ToStream(), CompressionMode.Decompress);
                    await gzip.CopyToAsync(delivered);
                }
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
            {
                // The container is created with the first delivery.
            }

            await Task.Delay(50);
        }

        Assert.Equal(records.SelectMany(r => r).ToArray(), delivered.ToArray());
        Assert.All(names, n => Assert.Matches($@"^events/(.+/)?{name}-1-\d{{4}}(-\d{{2}}){{5}}-[0-9a-f-]{{36}}\.gz$", n));
    }

    private async Task CallOkAsync(string operation, object body)
    {
        var response = await _http.SendAsync(_http.Request("Firehose_20150804." + operation, JsonSerializer.Serialize(body)));
        Assert.True(response.Status == HttpStatusCode.OK, $"{operation} failed: {(int)response.Status} {response.Text}");
    }
}
