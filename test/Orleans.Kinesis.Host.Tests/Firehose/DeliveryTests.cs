using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Host.Tests.Firehose;

/// <summary>Records through to objects in the bucket folder: hints, names, prefixes, compression, restarts.</summary>
[Collection(FirehoseCollection.Name)]
[Trait("Area", "Firehose")]
public sealed class DeliveryTests
{
    private const string Role = "arn:aws:iam::000000000000:role/firehose";
    private readonly FirehoseServer _server;

    public DeliveryTests(FirehoseFixture fixture) => _server = fixture.Server;

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Interval_DeliversOneObject_NamedAsAws_WithTheRecordsConcatenated()
    {
        var name = NewName("interval");
        await _server.CreateAsync(name, new { RoleARN = Role, BucketARN = "arn:aws:s3:::" + name, BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 60 } });
        var before = _server.Time.GetUtcNow();
        await _server.PutBatchAsync(name, [Encoding.UTF8.GetBytes("alpha"), Encoding.UTF8.GetBytes("beta")]);
        await _server.OkAsync("PutRecord", new { DeliveryStreamName = name, Record = new { Data = Convert.ToBase64String("gamma"u8.ToArray()) } });
        var after = _server.Time.GetUtcNow();
        Assert.Empty(_server.ReadObjects(name));

        _server.Time.Shift(TimeSpan.FromSeconds(61));
        var (key, content) = (await _server.WaitForObjectsAsync(name, 1)).Single();

        Assert.Equal("alphabetagamma", Encoding.UTF8.GetString(content));
        Assert.Matches($@"^\d{{4}}/\d\d/\d\d/\d\d/{name}-1-\d{{4}}-\d\d-\d\d-\d\d-\d\d-\d\d-[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$", key);
        Assert.Contains(key[..14], new[] { before.ToString("yyyy/MM/dd/HH/"), after.ToString("yyyy/MM/dd/HH/") });
        Assert.Contains(key.Substring(14 + name.Length + 3, 19), new[] { before.ToString("yyyy-MM-dd-HH-mm-ss"), after.ToString("yyyy-MM-dd-HH-mm-ss") });
    }

    [Fact]
    public async Task Size_DeliversWithoutWaitingForTheInterval()
    {
        var name = NewName("size");
        await _server.CreateAsync(name, new { RoleARN = Role, BucketARN = "arn:aws:s3:::" + name, BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 900 } });
        var first = RandomBytes(600_000);
        var second = RandomBytes(600_000);
        await _server.PutBatchAsync(name, [first]);
        await _server.PutBatchAsync(name, [second]);

        // One object per size hint's worth: the two 600 KB records do not fit in one 1 MiB object.
        var objects = await _server.WaitForObjectsAsync(name, 2);
        Assert.Equal(2, objects.Count);
        Assert.Contains(objects.Values, o => o.AsSpan().SequenceEqual(first));
        Assert.Contains(objects.Values, o => o.AsSpan().SequenceEqual(second));
    }

    [Theory]
    [InlineData("GZIP", ".gz")]
    [InlineData("ZIP", ".zip")]
    [InlineData("Snappy", ".snappy")]
    [InlineData("HADOOP_SNAPPY", ".hsnappy")]
    [InlineData("UNCOMPRESSED", "")]
    public async Task Compression_ObjectsDecompressToTheRecords_WithDelimiters(string format, string extension)
    {
        var name = NewName("compress");
        await _server.CreateAsync(name, new
        {
            RoleARN = Role,
            BucketARN = "arn:aws:s3:::" + name,
            CompressionFormat = format,
            BufferingHints = new { SizeInMBs = 5, IntervalInSeconds = 0 },
            ProcessingConfiguration = new { Enabled = true, Processors = new[] { new { Type = "AppendDelimiterToRecord", Parameters = Array.Empty<object>() } } },
        });
        var records = Enumerable.Range(0, 50).Select(i => Encoding.UTF8.GetBytes($"{{\"n\":{i},\"pad\":\"{new string('x', i * 37)}\"}}")).ToArray();
        await _server.PutBatchAsync(name, records);

        var (key, content) = (await _server.WaitForObjectsAsync(name, 1)).Single();
        Assert.EndsWith(extension, key, StringComparison.Ordinal);
        var expected = records.SelectMany(r => r.Append((byte)'\n')).ToArray();
        Assert.Equal(expected, ObjectDecoder.Decode(format, content));
    }

    [Fact]
    public async Task Prefix_Expressions_AndFileExtension()
    {
        var name = NewName("prefix");
        await _server.CreateAsync(name, new
        {
            RoleARN = Role,
            BucketARN = "arn:aws:s3:::" + name,
            Prefix = "y=!{timestamp:yyyy}/r=!{firehose:random-string}/",
            ErrorOutputPrefix = "e/!{firehose:error-output-type}/!{timestamp:yyyy}/",
            BufferingHints = new { SizeInMBs = 1, IntervalInSeconds = 0 },
            FileExtension = ".json",
        });
        var year = _server.Time.GetUtcNow().Year;
        await _server.PutBatchAsync(name, ["{}"u8.ToArray()]);

        var key = (await _server.WaitForObjectsAsync(name, 1)).Keys.Single();
        Assert.Matches($@"^y=({year}|{year + 1})/r=[0-9a-f]{{8}}-[0-9a-f]{{2}}/{name}-1-[0-9-]{{19}}-[0-9a-f-]{{36}}\.json$", key);
    }

    [Fact]
    public async Task Restart_DeliversRecordsBufferedBeforeTheStop()
    {
        using var data = new TempDataDirectory("firehose-restart");
        var name = NewName("restart");
        var records = Enumerable.Range(0, 20).Select(i => RandomBytes(1000 + i)).ToArray();
        await using (var first = await FirehoseServer.StartAsync(data.Path, new ShiftableTimeProvider()))
        {
            await first.CreateAsync(name, new { RoleARN = Role, BucketARN = "arn:aws:s3:::" + name });
            await first.PutBatchAsync(name, records.Take(10));
            await first.PutBatchAsync(name, records.Skip(10));
            Assert.Empty(first.ReadObjects(name));
        }

        var time = new ShiftableTimeProvider();
        await using var second = await FirehoseServer.StartAsync(data.Path, time);
        time.Shift(TimeSpan.FromSeconds(301));
        var (_, content) = (await second.WaitForObjectsAsync(name, 1)).Single();
        Assert.Equal(records.SelectMany(r => r).ToArray(), content);
        var description = await second.OkAsync("DescribeDeliveryStream", new { DeliveryStreamName = name });
        Assert.Equal("ACTIVE", description!["DeliveryStreamDescription"]!["DeliveryStreamStatus"]!.GetValue<string>());
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
