using System.Diagnostics;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Model;

namespace ProducerConsumer;

/// <summary>
/// <c>--bench</c>: in one run against one endpoint, plain PutRecords (500 per call, 8 in flight) as the baseline,
/// the producer with aggregation on and off, the consumer with 1 and 3 workers, and worker failover time.
/// </summary>
internal static class Bench
{
    public static async Task<int> RunAsync(SampleOptions options)
    {
        using var client = Run.Connect(options);
        var run = "bench" + Guid.NewGuid().ToString("N")[..6];
        var n = options.Records;
        Console.WriteLine($"records of {Records.Size} bytes: {n} per phase, 4 shards, endpoint {client.Endpoint}");

        var plainStream = await StreamAsync(client, run + "-plain");
        var plain = await PlainPutRecordsAsync(client, plainStream, run, n);
        Report("plain PutRecords (500/call, 8 in flight)", n, plain);

        var aggStream = await StreamAsync(client, run + "-agg");
        Report("producer, aggregation on", n, await Run.ProduceAsync(client, aggStream, run, n, aggregation: true));
        var rawStream = await StreamAsync(client, run + "-raw");
        Report("producer, aggregation off", n, await Run.ProduceAsync(client, rawStream, run, n, aggregation: false));

        foreach (var workers in new[] { 1, 3 })
        {
            var tally = new Tally(run, n);
            var watch = Stopwatch.StartNew();
            var consumerOptions = SampleOptions.Parse(["--stream", aggStream, "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            var started = await Run.StartWorkersAsync(client, new InMemoryLeaseStore(), consumerOptions, run + "-c" + workers, tally);
            var done = await Task.WhenAny(tally.All, Task.Delay(options.Timeout)) == tally.All;
            var elapsed = watch.Elapsed;
            await Run.StopAsync(started);
            Report($"consumer, {workers} worker(s), polling (incl. lease start-up)", done ? n : tally.Distinct, elapsed);
        }

        var failover = await FailoverAsync(client, aggStream, run);
        Console.WriteLine($"{"worker failover (lease 3 s, take every 6.05 s)",-58} {failover.TotalSeconds,10:0.00} s until the survivor holds all 4 shards");
        return 0;
    }

    private static void Report(string phase, int records, TimeSpan elapsed)
        => Console.WriteLine($"{phase,-58} {records / elapsed.TotalSeconds,10:0} user records/s ({records} in {elapsed.TotalSeconds:0.00} s)");

    private static async Task<string> StreamAsync(KinesisClient client, string name)
    {
        await Run.EnsureStreamAsync(client, name);
        return name;
    }

    private static async Task<TimeSpan> PlainPutRecordsAsync(KinesisClient client, string stream, string run, int n)
    {
        var watch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(8);
        var calls = new List<Task>();
        for (var start = 0; start < n; start += 500)
        {
            var entries = Enumerable.Range(start, Math.Min(500, n - start))
                .Select(i => new PutRecordsRequestEntry { PartitionKey = run + "-" + i, Data = Records.Make(run, i) }).ToList();
            await gate.WaitAsync();
            calls.Add(SendAsync(entries));
        }

        await Task.WhenAll(calls);
        return watch.Elapsed;

        async Task SendAsync(List<PutRecordsRequestEntry> entries)
        {
            try
            {
                while (entries.Count > 0)
                {
                    var response = await client.PutRecordsAsync(new PutRecordsRequest { StreamName = stream, Records = entries });
                    entries = [.. entries.Where((_, i) => response.Records[i].ErrorCode is not null)];
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private static async Task<TimeSpan> FailoverAsync(KinesisClient client, string stream, string run)
    {
        var store = new InMemoryLeaseStore();
        var tally = new Tally(run, 1);
        var options = SampleOptions.Parse(["--stream", stream]);
        var a = new StreamProcessor(client, store, () => new VerifyingProcessor(tally), Run.WorkerOptions(options, run + "-fo", "a"));
        var b = new StreamProcessor(client, store, () => new VerifyingProcessor(tally), Run.WorkerOptions(options, run + "-fo", "b"));
        var balanced = WhenAsync(() => a.HeldShards.Count == 2 && b.HeldShards.Count == 2, a, b);
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await balanced.WaitAsync(TimeSpan.FromSeconds(120));

        var takenOver = WhenAsync(() => b.HeldShards.Count == 4, b);
        var watch = Stopwatch.StartNew();
        await a.CrashAsync();
        await takenOver.WaitAsync(TimeSpan.FromSeconds(120));
        var elapsed = watch.Elapsed;
        await b.StopAsync(CancellationToken.None);
        a.Dispose();
        b.Dispose();
        return elapsed;
    }

    private static Task WhenAsync(Func<bool> condition, params StreamProcessor[] workers)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var worker in workers)
        {
            worker.LeasesChanged += (_, _) =>
            {
                if (condition())
                {
                    done.TrySetResult();
                }
            };
        }

        return done.Task;
    }
}
