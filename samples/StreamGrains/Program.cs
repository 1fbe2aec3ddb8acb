using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Client;
using Orleans.Kinesis.Client.Credentials;
using Orleans.Kinesis.Client.Errors;
using Orleans.Kinesis.Client.Model;
using Orleans.Kinesis.Client.Producer;
using Orleans.Streaming.Kinesis.Hosting;

namespace StreamGrains;

/// <summary>
/// <c>StreamGrains --endpoint &lt;url&gt; --stream &lt;name&gt; --records &lt;n&gt;</c>: starts a local silo whose grains consume the
/// Kinesis stream through the Orleans stream provider, produces n orders over 10 customers with the KPL producer, and
/// checks that every customer's grain received exactly its orders.
/// </summary>
public static class Program
{
    public const string ProviderName = "kinesis";
    public const string Namespace = "orders";
    private const int Customers = 10;

    public static async Task<int> Main(string[] args)
    {
        if (!TryParse(args, out var endpoint, out var streamName, out var records))
        {
            Console.Error.WriteLine("usage: StreamGrains --endpoint <url> --stream <name> --records <n>");
            return 2;
        }

        // Keys from the environment or the shared credentials file; a local server without keys takes unsigned calls.
        var credentials = AwsCredentialsResolver.Resolve() ?? AwsCredentials.Anonymous;
        using var kinesis = new KinesisClient(new KinesisClientOptions { Endpoint = endpoint, Credentials = credentials });
        await EnsureStreamAsync(kinesis, streamName);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort())
            .AddMemoryGrainStorage("PubSubStore")
            .AddKinesisStreams(ProviderName, options =>
            {
                options.StreamName = streamName;
                options.StreamNamespace = Namespace;
                options.Client.Endpoint = endpoint;
                options.Client.Credentials = credentials;
                options.QueueCount = 4;
            }));
        using var host = builder.Build();
        await host.StartAsync();

        var expected = Enumerable.Range(0, records).Select(i => (Customer: "customer-" + (i % Customers), Order: "order-" + i)).ToList();
        await using (var producer = new KinesisProducer(kinesis))
        {
            await Task.WhenAll(expected.Select(e => producer.AddUserRecordAsync(streamName, e.Customer, Encoding.UTF8.GetBytes(e.Order))));
        }

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var received = 0;
        for (var attempt = 0; attempt < 600 && received < records; attempt++)
        {
            await Task.Delay(100);
            var counts = await Task.WhenAll(Enumerable.Range(0, Customers).Select(c => grains.GetGrain<ICustomerGrain>("customer-" + c).GetOrdersAsync()));
            received = counts.Sum(c => c.Count);
        }

        var missing = new List<string>();
        foreach (var customer in expected.GroupBy(e => e.Customer))
        {
            var orders = await grains.GetGrain<ICustomerGrain>(customer.Key).GetOrdersAsync();
            missing.AddRange(customer.Select(e => e.Order).Except(orders).Select(o => customer.Key + "/" + o));
        }

        await host.StopAsync();
        Console.WriteLine($"grains received {records - missing.Count} of {records} records");
        if (missing.Count > 0)
        {
            Console.WriteLine("missing: " + string.Join(", ", missing.Take(20)));
            return 1;
        }

        return 0;
    }

    private static async Task EnsureStreamAsync(KinesisClient kinesis, string streamName)
    {
        try
        {
            await kinesis.CreateStreamAsync(new CreateStreamRequest { StreamName = streamName, ShardCount = 4 });
        }
        catch (ResourceInUseException)
        {
            // it exists already
        }

        for (var attempt = 0; attempt < 600; attempt++)
        {
            var summary = await kinesis.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = streamName });
            if (summary.StreamDescriptionSummary.StreamStatus == "ACTIVE")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"stream {streamName} did not become ACTIVE");
    }

    private static bool TryParse(string[] args, out Uri endpoint, out string stream, out int records)
    {
        endpoint = new Uri("http://127.0.0.1:4567");
        stream = "stream-grains";
        records = 1000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--endpoint" when Uri.TryCreate(args[i + 1], UriKind.Absolute, out var uri): endpoint = uri; break;
                case "--stream": stream = args[i + 1]; break;
                case "--records" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0: records = n; break;
                default: return false;
            }
        }

        return args.Length % 2 == 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
