using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Kinesis.Abstractions.Firehose;
using Orleans.Kinesis.Abstractions.Options;
using Orleans.Kinesis.Gateway.Hosting;
using Orleans.Kinesis.Host.Configuration;
using Orleans.Kinesis.Host.Dashboard;
using Orleans.Kinesis.Host.Telemetry;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Hosting;
using Orleans.Kinesis.Storage.Keys;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Host;

/// <summary>
/// Composes the server: an Orleans silo (grains, grain storage) co-hosted with the protocol gateway on one Kestrel
/// endpoint; the record logs and object stores of the chosen storage are shared by both.
/// </summary>
public static class KinesisServer
{
    /// <summary>Largest request body accepted (a 5 MiB PutRecords is about 7 MiB of JSON).</summary>
    public const long MaxRequestBodyBytes = 32L * 1024 * 1024;

    /// <summary>Builds the server from options set in code (validated first: the error names the configuration key).</summary>
    public static WebApplication Build(
        KinesisHostOptions options,
        Action<ILoggingBuilder>? configureLogging = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var validation = new KinesisHostOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KinesisHostOptions), validation.Failures);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(Options.Create(options));
        return Build(builder, options, configureLogging, configureServices);
    }

    /// <summary>
    /// Builds the server on <paramref name="builder"/>, whose configuration <paramref name="options"/> came from
    /// (<see cref="KinesisConfiguration.Bind"/>; register them with <see cref="KinesisConfiguration.AddKinesisHostOptions"/>).
    /// </summary>
    public static WebApplication Build(
        WebApplicationBuilder builder,
        KinesisHostOptions options,
        Action<ILoggingBuilder>? configureLogging = null,
        Action<IServiceCollection>? configureServices = null)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddKinesisConsole(options.LogFormat);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Kinesis", LogLevel.Information);

        // ASP.NET Core's per-request logs ("Request starting/finished", Information) are never shown at the levels
        // above, yet while their category is enabled at all, hosting starts an Activity and a log scope for every
        // request (1.9% of a PutRecord's allocations). Spans for traces are still made when tracing is on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        configureLogging?.Invoke(builder.Logging);

        // The listen address is decided by the options (which read ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS); clearing
        // them here keeps Kestrel from also binding them, and from warning that the code overrides them.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);

        options.CheckExposure();
        var endpoint = KinesisEndpoint.From(options, MaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenKinesis(endpoint));

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
            service.SubscriptionLifetime = TimeSpan.FromMilliseconds(options.SubscriptionLifetimeMs);
        });

        byte[] tokenKey, encryptionKey;
        if (options.InMemory)
        {
            services.AddMemoryStorage();
            tokenKey = RandomNumberGenerator.GetBytes(32);
            encryptionKey = options.EncryptionKey ?? RandomNumberGenerator.GetBytes(32);
        }
        else
        {
            // Keys live with the data (blob: the container's keys/ prefix, so every node shares them; files: the
            // data folder), are created once and never replaced; a damaged one or a wrong encryption key stops the start.
            IKeyStore keyStore;
            if (options.Storage == "blob")
            {
                var blob = new BlobStorageOptions
                {
                    ConnectionString = options.BlobConnectionString,
                    Endpoint = options.BlobEndpoint,
                    Container = options.BlobContainer,
                };
                var blobService = BlobServiceClients.Create(blob);
                services.AddSingleton(blobService);
                services.AddBlobStorage(configured =>
                {
                    configured.ConnectionString = blob.ConnectionString;
                    configured.Endpoint = blob.Endpoint;
                    configured.Container = blob.Container;
                });
                keyStore = new BlobKeyStore(blobService.GetBlobContainerClient(blob.Container));
            }
            else
            {
                var data = Path.GetFullPath(options.DataDirectory);
                FileKeyStore.CreatePrivateDirectory(data);
                services.AddFileStorage(files => files.DataDirectory = data);
                keyStore = new FileKeyStore(data);
            }

            services.Configure<HotTailOptions>(hot => hot.BudgetBytes = options.HotTailBudgetMiB * (1L << 20));
            var keys = ServerKeys.Load(keyStore, options.EncryptionKey);
            tokenKey = keys.TokenKey;
            encryptionKey = keys.EncryptionKey;
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
        builder.UseOrleans(silo =>
        {
            SiloComposition.Configure(silo, options);
            if (options.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        services.AddKinesisGateway(gateway =>
        {
            gateway.TokenKey = tokenKey;
            gateway.ControlPlaneLimits = options.ControlPlaneLimits;
            gateway.VerifySignatures = options.VerifySignatures;
            foreach (var (id, secret) in options.AccessKeys)
            {
                gateway.AccessKeys[id] = secret;
            }

            foreach (var (id, policy) in options.Policies)
            {
                gateway.Policies[id] = policy;
            }

            foreach (var (id, account) in options.PrincipalAccounts)
            {
                gateway.PrincipalAccounts[id] = account;
            }
        });

        services.AddKinesisRestApi(rest => rest.BearerTokens.AddRange(options.ApiTokens));
        builder.AddKinesisTelemetry(options);

        var app = builder.Build();
        app.UseKinesisTelemetry(options);
        app.UseKinesisAdmission();
        app.MapKinesisRestApi();
        if (options.Dashboard)
        {
            app.MapKinesisDashboard();
        }
        app.RunKinesisGateway();
        return app;
    }

    /// <summary>The endpoint the server listens on, with the real port once started.</summary>
    public static Uri Endpoint(WebApplication app, string scheme = "http")
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var address = addresses?.Addresses.FirstOrDefault(a => a.StartsWith(scheme + "://", StringComparison.Ordinal) && !a.Contains("h2c-forwarded", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The server has no address.");
        var uri = new Uri(address);
        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && ip.Equals(IPAddress.Any) ? "127.0.0.1" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri;
    }
}
