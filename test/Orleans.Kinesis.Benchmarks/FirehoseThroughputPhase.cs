using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Orleans.Kinesis.Benchmarks;

/// <summary>
/// Phase (d): N workers loop PutRecordBatch of Batch × RecordSize random records into a fresh delivery stream
/// (uncompressed, 64 MiB / zero-interval buffering hints) for the duration; the clock stops once the bucket folder
/// holds every accepted byte. Records/s is accepted records over that end-to-end time; the put-only rate is noted.
/// Needs a files-mode orleans server started by the harness (the objects are read from its data directory).
/// </summary>
internal static class FirehoseThroughputPhase
{
    public const string Name = "firehose";
    private const string Target = "Firehose_20150804.";
    private static readonly TimeSpan DeliveryBound = TimeSpan.FromMinutes(5);

    public static async Task<PhaseResult> RunAsync(PhaseContext ctx, CancellationToken cancellationToken)
    {
        if (ctx.DataDirectory is null)
        {
            return new PhaseResult(ctx.Target, "(d) Firehose to objects") { Error = "needs the orleans target with file storage (no --in-memory, no --endpoint)" };
        }

        var o = ctx.Options;
        var name = PhaseContext.NewStreamName(Name);
        var create = await ctx.Client.SendTargetAsync(Target + "CreateDeliveryStream", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            DeliveryStreamName = name,
            ExtendedS3DestinationConfiguration = new
            {
                RoleARN = "arn:aws:iam::000000000000:role/bench",
                BucketARN = "arn:aws:s3:::" + name,
                BufferingHints = new { SizeInMBs = 64, IntervalInSeconds = 0 },
            },
        })), cancellationToken);
        if (!create.IsSuccess)
        {
            return new PhaseResult(ctx.Target, "(d) Firehose to objects") { Error = "CreateDeliveryStream: " + create.ErrorType };
        }

        var bodies = new byte[o.Connections][];
        for (var w = 0; w < bodies.Length; w++)
        {
            bodies[w] = Batch(name, new Random(2000 + w), o.Batch, o.RecordSize);
        }

        PhaseContext.Progress($"{ctx.Target}: {Name} for {o.Duration.TotalSeconds:0.#} s, {o.Connections} connections, {o.Batch} x {o.RecordSize} B per PutRecordBatch");
        var failures = new FailureTally();
        long accepted = 0;
        long requests = 0;
        var started = Stopwatch.GetTimestamp();
        var workers = new Task[bodies.Length];
        for (var w = 0; w < workers.Length; w++)
        {
            var body = bodies[w];
            workers[w] = Task.Run(async () =>
            {
                while (Stopwatch.GetElapsedTime(started) < o.Duration)
                {
                    var response = await ctx.Client.SendTargetAsync(Target + "PutRecordBatch", body, cancellationToken);
                    Interlocked.Increment(ref requests);
                    if (response.IsSuccess)
                    {
                        Interlocked.Add(ref accepted, o.Batch);
                    }
                    else
                    {
                        failures.Add(response);
                    }
                }
            }, cancellationToken);
        }

        await Task.WhenAll(workers);
        var putSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var expectedBytes = accepted * (long)o.RecordSize;
        var folder = Path.Combine(ctx.DataDirectory, "buckets", name);
        var deadline = Stopwatch.GetTimestamp() + (long)(DeliveryBound.TotalSeconds * Stopwatch.Frequency);
        long delivered;
        while ((delivered = DeliveredBytes(folder)) < expectedBytes && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var objects = Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length : 0;
        return new PhaseResult(ctx.Target, "(d) Firehose PutRecordBatch to objects")
        {
            RecordsPerSecond = accepted / seconds,
            MiBPerSecond = delivered / seconds / (1024 * 1024),
            OpsPerSecond = requests / putSeconds,
            FailedRequests = failures.Requests,
            Error = delivered < expectedBytes ? $"only {delivered} of {expectedBytes} bytes delivered in {DeliveryBound.TotalMinutes} min" : null,
            Note = string.Join("; ", new[]
            {
                $"{o.Connections} conns, {o.Batch}x{o.RecordSize} B, puts alone {accepted / putSeconds:0} rec/s, {objects} objects",
                failures.Describe(),
            }.Where(s => s.Length > 0)),
        };
    }

    private static long DeliveredBytes(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        long total = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            total += new FileInfo(file).Length;
        }

        return total;
    }

    private static byte[] Batch(string name, Random random, int count, int recordSize)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("DeliveryStreamName", name);
            writer.WriteStartArray("Records");
            var data = new byte[recordSize];
            for (var i = 0; i < count; i++)
            {
                random.NextBytes(data);
                writer.WriteStartObject();
                writer.WriteBase64String("Data", data);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
