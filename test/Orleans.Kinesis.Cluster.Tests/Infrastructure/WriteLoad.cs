using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using Orleans.Kinesis.Host.Tests.Infrastructure;

namespace Orleans.Kinesis.Cluster.Tests.Infrastructure;

/// <summary>
/// Concurrent <see cref="ShardWriter"/>s, one per shard of a stream, and the check that matters afterwards: every
/// acknowledged record is stored once, in order, with the sequence number it was acknowledged with.
/// </summary>
public sealed class WriteLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string _label;
    private readonly List<Task> _running = [];

    private WriteLoad(string label, List<ShardWriter> writers, Stopwatch clock)
    {
        _label = label;
        Writers = writers;
        Clock = clock;
    }

    public IReadOnlyList<ShardWriter> Writers { get; }

    public Stopwatch Clock { get; }

    /// <summary>Starts one writer per shard of <paramref name="stream"/>, writer <c>i</c> sending to <c>endpoints()[i % n]</c> first.</summary>
    public static async Task<WriteLoad> StartAsync(LocalCluster cluster, KinesisHttp http, string stream, Func<IReadOnlyList<Uri>> endpoints)
    {
        var shards = (await http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray();
        var clock = Stopwatch.StartNew();
        var label = Guid.NewGuid().ToString("N")[..8]; // records of earlier loads on the same stream carry another
        var writers = new List<ShardWriter>();
        for (var i = 0; i < shards.Count; i++)
        {
            var start = shards[i]!["HashKeyRange"]!["StartingHashKey"]!.GetValue<string>();
            writers.Add(new ShardWriter(cluster, stream, label, i, start, endpoints, clock));
        }

        var load = new WriteLoad(label, writers, clock);
        foreach (var writer in writers)
        {
            load._running.Add(Task.Run(() => writer.RunAsync(load._stop.Token)));
        }

        return load;
    }

    /// <summary>Waits (bounded) until every writer has at least <paramref name="count"/> more acknowledgements than now.</summary>
    public async Task WaitForProgressAsync(int count, TimeSpan bound, string phase)
    {
        var targets = Writers.Select(w => w.AcknowledgedCount + count).ToArray();
        var watch = Stopwatch.StartNew();
        while (Writers.Where((w, i) => w.AcknowledgedCount < targets[i]).Any())
        {
            Assert.True(watch.Elapsed < bound, $"{phase}: writers {string.Join(", ", Writers.Where((w, i) => w.AcknowledgedCount < targets[i]).Select(w => $"{w.Id} ({w.AcknowledgedCount} acks, {w.FailureTimes.Count} failures)"))} made no progress within {bound.TotalSeconds:0} s");
            await Task.Delay(50); // polling the writers' counters with a deadline
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
    }

    /// <summary>Reads every shard (through <paramref name="http"/>) and checks each writer's records: acknowledged ones once, all in order.</summary>
    public async Task AssertEveryAcknowledgedRecordStoredOnceInOrderAsync(KinesisHttp http, string stream)
    {
        var shards = (await http.OkAsync("ListShards", new { StreamName = stream }))!["Shards"]!.AsArray();
        foreach (var writer in Writers)
        {
            var shardId = shards[writer.Id]!["ShardId"]!.GetValue<string>();
            var stored = new List<(int N, string Sequence)>();
            foreach (var record in await Streams.ReadAllAsync(http, stream, shardId))
            {
                var text = Encoding.ASCII.GetString(Convert.FromBase64String(record["Data"]!.GetValue<string>()));
                var parts = text.Split(':');
                if (parts[0] != _label)
                {
                    continue;
                }

                Assert.Equal(writer.Id.ToString(CultureInfo.InvariantCulture), parts[1]);
                stored.Add((int.Parse(parts[2], CultureInfo.InvariantCulture), record["SequenceNumber"]!.GetValue<string>()));
            }

            for (var i = 1; i < stored.Count; i++)
            {
                Assert.True(stored[i - 1].N < stored[i].N, $"writer {writer.Id}: record {stored[i].N} follows {stored[i - 1].N} in {shardId} (duplicate or reordered)");
                Assert.True(BigInteger.Parse(stored[i - 1].Sequence, CultureInfo.InvariantCulture) < BigInteger.Parse(stored[i].Sequence, CultureInfo.InvariantCulture), $"{shardId}: sequence numbers not increasing");
            }

            var bySequence = stored.ToDictionary(s => s.N, s => s.Sequence);
            var acknowledged = writer.AcknowledgedRecords;
            foreach (var ack in acknowledged)
            {
                Assert.True(bySequence.TryGetValue(ack.N, out var sequence), $"writer {writer.Id}: acknowledged record {ack.N} (sequence {ack.SequenceNumber}) is missing from {shardId}");
                Assert.Equal(ack.SequenceNumber, sequence);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
