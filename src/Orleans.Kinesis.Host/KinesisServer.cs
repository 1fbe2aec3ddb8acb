using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Gateway.Hosting;
using Orleans.Kinesis.Storage.Hosting;

namespace Orleans.Kinesis.Host;

/// <summary>
/// Composes the server: an Orleans silo (grains, grain storage) co-hosted with the protocol gateway on one Kestrel
/// endpoint; the record logs and object stores of the chosen storage are shared by both.
/// </summary>
public static class KinesisServer
{
    /// <summary>Largest request body accepted (a 5 MiB PutRecords is about 7 MiB of JSON).</summary>
    public const long MaxRequestBodyBytes = 32L * 1024 * 1024;

    public static WebApplication Build(
        KinesisHostOptions options,
        Action<ILoggingBuilder>? configureLogging = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Kinesis", LogLevel.Information);
        configureLogging?.Invoke(builder.Logging);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.ListenKinesis(options.Host, options.Port);
        });

        var services = builder.Services;
        configureServices?.Invoke(services); // first, so that it can replace defaults registered with TryAdd
        services.Configure<KinesisServiceOptions>(service =>
        {
            service.Region = options.Region;
            service.AccountId = options.AccountId;
            service.CreateStreamDelay = TimeSpan.FromMilliseconds(options.CreateStreamDelayMs);
            service.DeleteStreamDelay = TimeSpan.FromMilliseconds(options.DeleteStreamDelayMs);
            service.UpdateStreamDelay = TimeSpan.FromMilliseconds(options.UpdateStreamDelayMs);
            service.ConsumerTransitionDelay = TimeSpan.FromMilliseconds(options.ConsumerTransitionDelayMs);
            service.ShardLimit = options.ShardLimit;
            service.EnforceThroughputLimits = options.ThroughputLimits;
        });

        byte[] tokenKey, encryptionKey;
        if (options.InMemory)
        {
            services.AddMemoryStorage();
            tokenKey = RandomNumberGenerator.GetBytes(32);
            encryptionKey = options.EncryptionKey ?? RandomNumberGenerator.GetBytes(32);
        }
        else if (options.Storage == "blob")
        {
            services.AddBlobStorage(blob =>
            {
                blob.ConnectionString = options.BlobConnectionString;
                blob.Endpoint = options.BlobEndpoint;
                blob.Container = options.BlobContainer;
            });

            // Iterator tokens stay verifiable across restarts of this host: the key is kept in the local data folder,
            // as is the generated encryption master key unless one is given (hosts with throwaway disks should give it).
            var data = Path.GetFullPath(options.DataDirectory);
            tokenKey = TokenKeyFile.LoadOrCreate(data);
            encryptionKey = options.EncryptionKey ?? TokenKeyFile.LoadOrCreate(data, "encryption.key");
        }
        else
        {
            var data = Path.GetFullPath(options.DataDirectory);
            services.AddFileStorage(files => files.DataDirectory = data);
            tokenKey = TokenKeyFile.LoadOrCreate(data);
            encryptionKey = options.EncryptionKey ?? TokenKeyFile.LoadOrCreate(data, "encryption.key");
        }

        services.Configure<RecordEncryptionOptions>(encryption => encryption.MasterKey = encryptionKey);
        services.Configure<FirehoseOptions>(firehose =>
        {
            firehose.TransformTimeout = TimeSpan.FromMilliseconds(options.TransformTimeoutMs);
            foreach (var (arn, url) in options.FirehoseHooks)
            {
                firehose.TransformEndpoints[arn] = url;
            }
        });
        builder.UseOrleans(silo => SiloComposition.Configure(silo, options));
        services.AddKinesisGateway(gateway =>
        {
            gateway.TokenKey = tokenKey;
            gateway.ControlPlaneLimits = options.ControlPlaneLimits;
            gateway.VerifySignatures = options.VerifySignatures;
            foreach (var (id, secret) in options.AccessKeys)
            {
                gateway.AccessKeys[id] = secret;
            }
        });

        var app = builder.Build();
        app.RunKinesisGateway();
        return app;
    }

    /// <summary>The endpoint the server listens on, with the real port once started.</summary>
    public static Uri Endpoint(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var address = addresses?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal) && !a.Contains("h2c-forwarded", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The server has no address.");
        var uri = new Uri(address);
        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && ip.Equals(IPAddress.Any) ? "127.0.0.1" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri;
    }
}
