using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Orleans.Kinesis.Host.Tests.Infrastructure;
using Orleans.Kinesis.TestKit.Azurite;
using Xunit.Abstractions;

namespace Orleans.Kinesis.Host.Tests.Durability;

/// <summary>
/// The real Host on a data directory (files, or Azure Blob on Azurite), killed with SIGKILL while 8 writers are putting records, then started again:
/// every acknowledged record survives unchanged; nothing read back is torn.
/// </summary>
[Trait("Area", "Durability")]
public sealed class CrashTests
{
    private const string Stream = "durable-crash";
    private const int ShardCount = 4;
    private const int Writers = 8;
    private const int AcknowledgedPerCycle = 5_000;
    private const int Cycles = 3;
    private const int MaxCallsPerWriter = 20_000;
    private const int HeaderBytes = 48; // writer id (8) + counter (8) + SHA-256 (32)
    private static readonly TimeSpan PhaseBound = TimeSpan.FromSeconds(60);
    private readonly ITestOutputHelper _output;

    public CrashTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("files")]
    [InlineData("blob")]
    public async Task KillDuringWrites_KeepsEveryAcknowledgedRecord_AndNothingTornOrReordered(string storage)
    {
        using var data = new TempDataDirectory("kinesis-crash");
        await using var azurite = storage == "blob" ? await AzuriteProcess.StartNewAsync(inMemory: true) : null; // outlives every server kill
        string[]? storageArguments = azurite is null ? null : ["--storage", "blob", "--blob-connection-string", azurite.ConnectionString];
        var seen = new Dictionary<string, StoredRecord>(StringComparer.Ordinal); // every record read after some restart, by sequence number
        var acknowledged = new List<StoredRecord>();
        var highest = new Dictionary<string, BigInteger>(StringComparer.Ordinal);

        var server = await ServerProcess.StartAsync(data.Path, extraArguments: storageArguments);
        try
        {
            using (var http = new KinesisHttp(server.Endpoint, new Version(1, 1)))
            {
                await http.OkAsync("CreateStream", new { StreamName = Stream, ShardCount });
                await Streams.WaitForStatusAsync(http, Stream, "ACTIVE");
            }

            for (var cycle = 0; cycle < Cycles; cycle++)
            {
                var acked = await WriteThenKillAsync(server, cycle);
                Assert.True(server.HasExited, $"cycle {cycle}: the server survived SIGKILL");
                await server.DisposeAsync();

                // Sequence numbers issued after the previous restart are above everything that was stored before it.
                foreach (var record in acked.Where(r => highest.ContainsKey(r.ShardId)))
                {
                    Assert.True(record.Sequence > highest[record.ShardId],
                        $"cycle {cycle}: {record.ShardId} acknowledged {record.SequenceNumber}, not above {highest[record.ShardId]} stored before the restart");
                }

                acknowledged.AddRange(acked);
                var takeover = System.Diagnostics.Stopwatch.StartNew();
                server = await ServerProcess.StartAsync(data.Path, extraArguments: storageArguments);
                using var http = new KinesisHttp(server.Endpoint, new Version(1, 1));
                var stored = await StoredRecord.ReadStreamAsync(http, Stream); // also asserts strictly growing sequence numbers per shard
                _output.WriteLine($"cycle {cycle}: takeover after kill -9 (restart, {ShardCount} shard logs reopened and read to the end): {takeover.Elapsed.TotalSeconds:F1} s");
                Assert.Equal(ShardCount, stored.Count);
                Verify(cycle, stored, acknowledged, seen);
                _output.WriteLine($"cycle {cycle}: {acked.Count} acknowledged this cycle, {acknowledged.Count} in all; {stored.Values.Sum(r => r.Count)} stored after the restart");
                foreach (var (shard, records) in stored.Where(s => s.Value.Count > 0))
                {
                    highest[shard] = records[^1].Sequence;
                }
            }

            var exitCode = await server.StopGracefullyAsync();
            Assert.True(exitCode == 0, $"graceful stop after the last cycle exited with {exitCode}\n{server.Output()}");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static void Verify(int cycle, Dictionary<string, List<StoredRecord>> stored, List<StoredRecord> acknowledged, Dictionary<string, StoredRecord> seen)
    {
        var bySequence = new Dictionary<string, StoredRecord>(StringComparer.Ordinal);
        var payloads = new HashSet<(long Writer, long Counter)>();
        foreach (var record in stored.Values.SelectMany(r => r))
        {
            Assert.True(SelfConsistent(record.Data), $"cycle {cycle}: {record.ShardId}/{record.SequenceNumber} is torn or corrupt ({record.Data.Length} bytes)");
            Assert.True(payloads.Add(Identity(record.Data)), $"cycle {cycle}: payload {Identity(record.Data)} is stored twice (again at {record.ShardId}/{record.SequenceNumber})");
            Assert.True(bySequence.TryAdd(record.SequenceNumber, record), $"cycle {cycle}: sequence number {record.SequenceNumber} appears twice");
        }

        var missing = 0;
        string? firstMissing = null;
        foreach (var ack in acknowledged)
        {
            if (!bySequence.TryGetValue(ack.SequenceNumber, out var got))
            {
                missing++;
                firstMissing ??= $"{ack.ShardId}/{ack.SequenceNumber} (writer {Identity(ack.Data)})";
                continue;
            }

            Assert.True(got.ShardId == ack.ShardId && got.PartitionKey == ack.PartitionKey && got.Data.AsSpan().SequenceEqual(ack.Data),
                $"cycle {cycle}: acknowledged {ack.ShardId}/{ack.SequenceNumber} came back as {got.ShardId} with different key or data");
        }

        Assert.True(missing == 0, $"cycle {cycle}: {missing} of {acknowledged.Count} acknowledged records are missing after the restart, first {firstMissing}");

        // A record that was readable after an earlier restart stays, unchanged, through later crashes.
        foreach (var (sequence, earlier) in seen)
        {
            Assert.True(bySequence.TryGetValue(sequence, out var now) && now.Data.AsSpan().SequenceEqual(earlier.Data),
                $"cycle {cycle}: {earlier.ShardId}/{sequence}, read after an earlier restart, is gone or changed");
        }

        foreach (var (sequence, record) in bySequence)
        {
            seen[sequence] = record;
        }
    }

    /// <summary>Runs the writers until <see cref="AcknowledgedPerCycle"/> records are acknowledged, SIGKILLs the server with writes in flight, and returns every acknowledged record.</summary>
    private static async Task<List<StoredRecord>> WriteThenKillAsync(ServerProcess server, int cycle)
    {
        using var http = new KinesisHttp(server.Endpoint, new Version(1, 1), maxConnections: Writers);
        var acked = new ConcurrentQueue<StoredRecord>();
        var count = 0;
        var killed = 0;
        var threshold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Acknowledge(StoredRecord record)
        {
            acked.Enqueue(record);
            if (Interlocked.Increment(ref count) >= AcknowledgedPerCycle)
            {
                threshold.TrySetResult();
            }
        }

        async Task WriteAsync(int writer)
        {
            var random = new Random((cycle * 100) + writer);
            var writerId = ((long)cycle << 32) | (uint)writer;
            long counter = 0;
            for (var call = 0; call < MaxCallsPerWriter; call++)
            {
                try
                {
                    if (call % 2 == 0)
                    {
                        var batch = Enumerable.Range(0, random.Next(5, 40)).Select(_ => (Key: $"w{writer}-{random.Next(1000)}", Data: Payload(writerId, counter++, random))).ToList();
                        var response = await http.CallAsync("PutRecords", new
                        {
                            StreamName = Stream,
                            Records = batch.Select(b => new { Data = Convert.ToBase64String(b.Data), PartitionKey = b.Key }).ToArray(),
                        });
                        var results = Ok(response, "PutRecords")["Records"]!.AsArray();
                        Assert.Equal(batch.Count, results.Count);
                        for (var i = 0; i < batch.Count; i++)
                        {
                            if (results[i]!["SequenceNumber"] is { } sequence)
                            {
                                Acknowledge(new StoredRecord(results[i]!["ShardId"]!.GetValue<string>(), sequence.GetValue<string>(), batch[i].Key, batch[i].Data));
                            }
                        }
                    }
                    else
                    {
                        var key = $"w{writer}-{random.Next(1000)}";
                        var payload = Payload(writerId, counter++, random);
                        var response = await http.CallAsync("PutRecord", new { StreamName = Stream, Data = Convert.ToBase64String(payload), PartitionKey = key });
                        var result = Ok(response, "PutRecord");
                        Acknowledge(new StoredRecord(result["ShardId"]!.GetValue<string>(), result["SequenceNumber"]!.GetValue<string>(), key, payload));
                    }
                }
                catch (Exception) when (Volatile.Read(ref killed) == 1)
                {
                    return; // The server is gone: this request may or may not have been stored.
                }
            }
        }

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))).ToArray();
        var all = Task.WhenAll(writers);
        var first = await Task.WhenAny(threshold.Task, all).WaitAsync(PhaseBound);
        if (first == all)
        {
            await all; // surfaces a writer's failure
            Assert.Fail($"cycle {cycle}: the writers stopped after {count} acknowledged records, before {AcknowledgedPerCycle}");
        }

        Volatile.Write(ref killed, 1);
        server.Kill();
        try
        {
            await all.WaitAsync(PhaseBound);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"cycle {cycle}: writers did not stop within {PhaseBound.TotalSeconds:0} s of the kill");
        }

        Assert.True(acked.Count >= AcknowledgedPerCycle);
        return [.. acked];
    }

    private static JsonNode Ok(KinesisResponse response, string operation)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"{operation} failed before the kill: {(int)response.Status} {response.Text}");
        return response.Json!;
    }

    /// <summary>writer id (8) + counter (8) + SHA-256 of (writer id, counter, padding) (32) + random padding (0–255 bytes).</summary>
    private static byte[] Payload(long writerId, long counter, Random random)
    {
        var payload = new byte[HeaderBytes + random.Next(0, 256)];
        BinaryPrimitives.WriteInt64BigEndian(payload, writerId);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(8), counter);
        random.NextBytes(payload.AsSpan(HeaderBytes));
        Hash(payload).CopyTo(payload.AsSpan(16));
        return payload;
    }

    private static bool SelfConsistent(byte[] payload)
        => payload.Length >= HeaderBytes && Hash(payload).AsSpan().SequenceEqual(payload.AsSpan(16, 32));

    private static byte[] Hash(byte[] payload)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(payload, 0, 16);
        sha.AppendData(payload, HeaderBytes, payload.Length - HeaderBytes);
        return sha.GetHashAndReset();
    }

    private static (long Writer, long Counter) Identity(byte[] payload)
        => payload.Length < 16 ? (-1, -1) : (BinaryPrimitives.ReadInt64BigEndian(payload), BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(8)));
}
