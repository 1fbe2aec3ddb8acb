using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.TestKit.Azurite;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>
/// Keys live in the store: servers on one blob container verify each other's shard iterators and decrypt each
/// other's records, and leave nothing in their local data folders; a damaged key or a wrong encryption key stops the start.
/// </summary>
[Trait("Area", "Durability")]
public sealed class SharedKeysTests
{
    private const string Shard = "shardId-000000000000";

    [Fact]
    public async Task TwoServersOnOneContainer_OneAfterTheOther_ReadEachOthersIteratorsAndEncryptedRecords()
    {
        using var dataA = new TempDataDirectory("keys-a");
        using var dataB = new TempDataDirectory("keys-b");
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        string[] blob = ["--storage", "blob", "--blob-connection-string", azurite.ConnectionString];

        string iteratorOfA;
        await using (var a = await ServerProcess.StartAsync(dataA.Path, extraArguments: blob))
        {
            using var http = new KinesisHttp(a.Endpoint, new Version(1, 1));
            iteratorOfA = await WriteEncryptedAsync(http, "from-a", "written by a");
            Assert.Equal(0, await a.StopGracefullyAsync());
        }

        await using (var b = await ServerProcess.StartAsync(dataB.Path, extraArguments: blob))
        {
            using var http = new KinesisHttp(b.Endpoint, new Version(1, 1));
            await AssertReadsAsync(http, iteratorOfA, "written by a");
            Assert.Equal(0, await b.StopGracefullyAsync());
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(dataA.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dataB.Path));
    }

    [Fact]
    public async Task TwoServersOnOneContainer_AtTheSameTime_AgreeOnTheKeys_AndReadEachOthersShards()
    {
        using var dataA = new TempDataDirectory("keys-a");
        using var dataB = new TempDataDirectory("keys-b");
        await using var azurite = await AzuriteProcess.StartNewAsync(inMemory: true);
        string[] blob = ["--storage", "blob", "--blob-connection-string", azurite.ConnectionString];

        // Started together on an empty container: both race to create the keys and must end up with the same ones.
        var startA = ServerProcess.StartAsync(dataA.Path, extraArguments: blob);
        var startB = ServerProcess.StartAsync(dataB.Path, extraArguments: blob);
        await using var a = await startA;
        await using var b = await startB;
        using var httpA = new KinesisHttp(a.Endpoint, new Version(1, 1));
        using var httpB = new KinesisHttp(b.Endpoint, new Version(1, 1));
        var iteratorOfA = await WriteEncryptedAsync(httpA, "owned-by-a", "written by a");
        var iteratorOfB = await WriteEncryptedAsync(httpB, "owned-by-b", "written by b");

        // A shard log has one writer at a time: each server reads the other's shard once that one has let it go.
        Assert.Equal(0, await a.StopGracefullyAsync());
        await AssertReadsAsync(httpB, iteratorOfA, "written by a");
        Assert.Equal(0, await b.StopGracefullyAsync());
        await using var a2 = await ServerProcess.StartAsync(dataA.Path, extraArguments: blob);
        using var httpA2 = new KinesisHttp(a2.Endpoint, new Version(1, 1));
        await AssertReadsAsync(httpA2, iteratorOfB, "written by b");

        Assert.Empty(Directory.EnumerateFileSystemEntries(dataA.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dataB.Path));
    }

    [Fact]
    public async Task TruncatedKeyFile_StopsTheStart_WithAMessageNamingTheFile()
    {
        using var data = new TempDataDirectory("keys-truncated");
        var keyFile = Path.Combine(data.Path, "token.key");
        await File.WriteAllBytesAsync(keyFile, new byte[10]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(data.Path));

        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(keyFile + " is damaged: it holds 10 bytes, not 32", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, new FileInfo(keyFile).Length); // never replaced
    }

    [Fact]
    public async Task DifferentEncryptionKeyThanTheDataWasWrittenWith_StopsTheStart()
    {
        using var data = new TempDataDirectory("keys-wrong");
        await using (var first = await ServerProcess.StartAsync(data.Path, extraArguments: ["--encryption-key", Convert.ToBase64String(new byte[32])]))
        {
            Assert.Equal(0, await first.StopGracefullyAsync());
        }

        var other = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(data.Path, extraArguments: ["--encryption-key", other]));

        Assert.Contains("does not match the key check value in " + Path.Combine(data.Path, "encryption.check"), error.Message, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data.Path, "token.key")));
        }
    }

    private static async Task<string> WriteEncryptedAsync(KinesisHttp http, string stream, string text)
    {
        await http.OkAsync("CreateStream", new { StreamName = stream, ShardCount = 1 });
        await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
        await http.OkAsync("StartStreamEncryption", new { StreamName = stream, EncryptionType = "KMS", KeyId = "alias/aws/kinesis" });
        await Streams.WaitForStatusAsync(http, stream, "ACTIVE");
        await http.OkAsync("PutRecord", new { StreamName = stream, PartitionKey = "pk", Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) });
        var iterator = await http.OkAsync("GetShardIterator", new { StreamName = stream, ShardId = Shard, ShardIteratorType = "TRIM_HORIZON" });
        return iterator!["ShardIterator"]!.GetValue<string>();
    }

    private static async Task AssertReadsAsync(KinesisHttp http, string iterator, string expected)
    {
        var read = await http.OkAsync("GetRecords", new { ShardIterator = iterator });
        var records = read!["Records"]!.AsArray();
        var record = Assert.Single(records);
        Assert.Equal(expected, Encoding.UTF8.GetString(Convert.FromBase64String(record!["Data"]!.GetValue<string>())));
        Assert.Equal("KMS", record["EncryptionType"]?.GetValue<string>());
    }
}
