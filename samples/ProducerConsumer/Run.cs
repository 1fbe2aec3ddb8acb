using System.Diagnostics;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Consumer;
using Orleans.Kinesis.Client.Consumer.Leases;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Client.Producer;

namespace ProducerConsumer;

/// <summary>Creates the stream if missing, produces the records, consumes them with the workers and verifies them.</summary>
internal static class Run
{
    public static async Task<int> ExecuteAsync(SampleOptions options)
    {
        using var client = Connect(options);
        await EnsureStreamAsync(client, options.Stream);
        var run = "run" + Guid.NewGuid().ToString("N")[..8];

        var produced = await ProduceAsync(client, options.Stream, run, options.Records, options.Aggregation);
        Console.WriteLine($"produced {options.Records} records in {produced.TotalSeconds:0.00} s ({options.Records / produced.TotalSeconds:0} records/s, aggregation {(options.Aggregation ? "on" : "off")})");

        var tally = new Tally(run, options.Records);
        var leases = Directory.CreateTempSubdirectory("kinesis-leases-");
        var watch = Stopwatch.StartNew();
        var workers = await StartWorkersAsync(client, new FileLeaseStore(leases.FullName), options, run, tally);
        var finished = await Task.WhenAny(tally.All, Task.Delay(options.Timeout)) == tally.All;
        var elapsed = watch.Elapsed;
        await StopAsync(workers);
        leases.Delete(recursive: true);

        if (!finished)
        {
            var missing = tally.Missing().ToList();
            Console.WriteLine($"consumed {tally.Distinct} of {options.Records} records; missing {missing.Count}: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? ", …" : "")}");
            return 1;
        }

        Console.WriteLine($"consumed {tally.Distinct} of {options.Records} records");
        Console.WriteLine($"consumer: {options.Workers} worker(s), {options.Records / elapsed.TotalSeconds:0} records/s ({(options.FanOut ? "enhanced fan-out" : "polling")})");
        return 0;
    }

    public static KinesisClient Connect(SampleOptions options)
        => new(new KinesisClientOptions { Endpoint = options.Endpoint, Credentials = Orleans.Kinesis.Client.Credentials.AwsCredentialsResolver.Resolve() ?? Orleans.Kinesis.Client.Credentials.AwsCredentials.Anonymous });

    public static async Task EnsureStreamAsync(KinesisClient client, string stream)
    {
        try
        {
            await client.CreateStreamAsync(new CreateStreamRequest { StreamName = stream, ShardCount = 4 });
        }
        catch (ResourceInUseException)
        {
            // It exists already.
        }

        for (var i = 0; i < 600; i++)
        {
            if ((await client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = stream })).StreamDescriptionSummary.StreamStatus == "ACTIVE")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"stream {stream} did not become ACTIVE");
    }

    public static async Task<TimeSpan> ProduceAsync(KinesisClient client, string stream, string run, int count, bool aggregation)
    {
        var watch = Stopwatch.StartNew();
        await using var producer = new KinesisProducer(client, new KinesisProducerOptions { AggregationEnabled = aggregation });
        var puts = new Task<UserRecordResult>[count];
        for (var i = 0; i < count; i++)
        {
            puts[i] = producer.AddUserRecordAsync(stream, run + "-" + i, Records.Make(run, i));
        }

        await Task.WhenAll(puts);
        return watch.Elapsed;
    }

    public static async Task<List<StreamProcessor>> StartWorkersAsync(KinesisClient client, ILeaseStore store, SampleOptions options, string run, Tally tally)
    {
        var workers = new List<StreamProcessor>();
        for (var w = 0; w < options.Workers; w++)
        {
            var worker = new StreamProcessor(client, store, () => new VerifyingProcessor(tally), WorkerOptions(options, run, "worker-" + w));
            await worker.StartAsync(CancellationToken.None);
            workers.Add(worker);
        }

        return workers;
    }

    public static StreamProcessorOptions WorkerOptions(SampleOptions options, string run, string workerId) => new()
    {
        StreamName = options.Stream,
        ApplicationName = "sample-" + run,
        WorkerId = workerId,
        RetrievalMode = options.FanOut ? RetrievalMode.FanOut : RetrievalMode.Polling,
        LeaseDuration = TimeSpan.FromSeconds(3),
        IdleTimeBetweenReads = TimeSpan.FromMilliseconds(200),
        ParentShardPollInterval = TimeSpan.FromMilliseconds(500),
    };

    public static async Task StopAsync(List<StreamProcessor> workers)
    {
        foreach (var worker in workers)
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }
}
