using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Kinesis.Abstractions.Encryption;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Gateway.Admission;
using Orleans.Kinesis.Gateway.Authentication;
using Orleans.Kinesis.Gateway.Authorization;
using Orleans.Kinesis.Gateway.Dispatch;
using Orleans.Kinesis.Gateway.Firehose;
using Orleans.Kinesis.Gateway.Handlers;
using Orleans.Kinesis.Gateway.Iterators;
using Orleans.Kinesis.Gateway.Records;
using Orleans.Kinesis.Gateway.Routing;
using Orleans.Kinesis.Gateway.Throttling;
using Orleans.Kinesis.Protocol.Operations;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>Registers the AWS protocol gateway and wires it into Kestrel and the request pipeline.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddKinesisGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        services.AddOptions<GatewayOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        services.AddSingleton<H2cConnectionForwarder>();
        services.AddSingleton<ConnectionAdmissions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionListenerFactory, H2cConnectionForwarder>(
            provider => provider.GetRequiredService<H2cConnectionForwarder>()));
        services.AddSingleton<StreamResolver>();
        services.AddSingleton<AccountUsage>();
        services.AddSingleton<TokenCodec>();
        services.AddSingleton<RecordAppender>();
        services.TryAddSingleton<RecordCipher>();
        services.AddSingleton<ControlPlaneLimits>();
        services.AddSingleton<EncryptionHandlers>();
        AddFamily<EncryptionHandlers>(services, KinesisOperation.StartStreamEncryption, static (h, r) => h.StartAsync(r));
        AddFamily<EncryptionHandlers>(services, KinesisOperation.StopStreamEncryption, static (h, r) => h.StopAsync(r));
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton<AccessPolicies>();
        services.AddSingleton<KinesisGateway>();
        services.AddSingleton<IOperationHandler, CreateStreamHandler>();
        services.AddSingleton<IOperationHandler, DeleteStreamHandler>();
        services.AddSingleton<IOperationHandler, DescribeStreamHandler>();
        services.AddSingleton<IOperationHandler, DescribeStreamSummaryHandler>();
        services.AddSingleton<IOperationHandler, DescribeLimitsHandler>();
        services.AddSingleton<IOperationHandler, ListStreamsHandler>();
        services.AddSingleton<IOperationHandler, ListShardsHandler>();
        services.AddSingleton<IOperationHandler, PutRecordHandler>();
        services.AddSingleton<IOperationHandler, PutRecordsHandler>();
        services.AddSingleton<IOperationHandler, GetShardIteratorHandler>();
        services.AddSingleton<IOperationHandler, GetRecordsHandler>();
        services.AddSingleton<IOperationHandler, SubscribeToShardHandler>();
        services.AddSingleton<IOperationHandler, WarmThroughputHandler>();
        services.AddSingleton<TagsHandlers>();
        services.AddSingleton<StreamSettingsHandlers>();
        services.AddSingleton<AccountHandlers>();
        AddFamily<AccountHandlers>(services, KinesisOperation.PutResourcePolicy, static (h, r) => h.PutPolicyAsync(r));
        AddFamily<AccountHandlers>(services, KinesisOperation.GetResourcePolicy, static (h, r) => h.GetPolicyAsync(r));
        AddFamily<AccountHandlers>(services, KinesisOperation.DeleteResourcePolicy, static (h, r) => h.DeletePolicyAsync(r));
        AddFamily<AccountHandlers>(services, KinesisOperation.DescribeAccountSettings, static (h, r) => h.DescribeSettingsAsync(r));
        AddFamily<AccountHandlers>(services, KinesisOperation.UpdateAccountSettings, static (h, r) => h.UpdateSettingsAsync(r));
        services.AddSingleton<ConsumerHandlers>();
        services.AddSingleton<ReshardingHandlers>();
        AddFamily<TagsHandlers>(services, KinesisOperation.AddTagsToStream, static (h, r) => h.AddAsync(r, byResource: false));
        AddFamily<TagsHandlers>(services, KinesisOperation.TagResource, static (h, r) => h.AddAsync(r, byResource: true));
        AddFamily<TagsHandlers>(services, KinesisOperation.RemoveTagsFromStream, static (h, r) => h.RemoveAsync(r, byResource: false));
        AddFamily<TagsHandlers>(services, KinesisOperation.UntagResource, static (h, r) => h.RemoveAsync(r, byResource: true));
        AddFamily<TagsHandlers>(services, KinesisOperation.ListTagsForStream, static (h, r) => h.ListAsync(r, byResource: false));
        AddFamily<TagsHandlers>(services, KinesisOperation.ListTagsForResource, static (h, r) => h.ListAsync(r, byResource: true));
        AddFamily<StreamSettingsHandlers>(services, KinesisOperation.IncreaseStreamRetentionPeriod, static (h, r) => h.RetentionAsync(r, increase: true));
        AddFamily<StreamSettingsHandlers>(services, KinesisOperation.DecreaseStreamRetentionPeriod, static (h, r) => h.RetentionAsync(r, increase: false));
        AddFamily<StreamSettingsHandlers>(services, KinesisOperation.UpdateStreamMode, static (h, r) => h.StreamModeAsync(r));
        AddFamily<StreamSettingsHandlers>(services, KinesisOperation.UpdateMaxRecordSize, static (h, r) => h.MaxRecordSizeAsync(r));
        AddFamily<StreamSettingsHandlers>(services, KinesisOperation.EnableEnhancedMonitoring, static (h, r) => h.MonitoringAsync(r, enable: true));
        AddFamily<StreamSettingsHandlers>(services, KinesisOperation.DisableEnhancedMonitoring, static (h, r) => h.MonitoringAsync(r, enable: false));
        AddFamily<ConsumerHandlers>(services, KinesisOperation.RegisterStreamConsumer, static (h, r) => h.RegisterAsync(r));
        AddFamily<ConsumerHandlers>(services, KinesisOperation.DescribeStreamConsumer, static (h, r) => h.DescribeAsync(r));
        AddFamily<ConsumerHandlers>(services, KinesisOperation.DeregisterStreamConsumer, static (h, r) => h.DeregisterAsync(r));
        AddFamily<ConsumerHandlers>(services, KinesisOperation.ListStreamConsumers, static (h, r) => h.ListAsync(r));
        AddFamily<ReshardingHandlers>(services, KinesisOperation.SplitShard, static (h, r) => h.SplitShardAsync(r));
        AddFamily<ReshardingHandlers>(services, KinesisOperation.MergeShards, static (h, r) => h.MergeShardsAsync(r));
        AddFamily<ReshardingHandlers>(services, KinesisOperation.UpdateShardCount, static (h, r) => h.UpdateShardCountAsync(r));
        AddFirehose(services);
        services.AddKinesisMonitoring();
        return services;
    }

    private static void AddFirehose(IServiceCollection services)
    {
        services.AddSingleton<DeliveryStreamHandlers>();
        services.AddSingleton<FirehosePutHandlers>();
        services.AddSingleton<DestinationHandlers>();
        AddFamily<DeliveryStreamHandlers>(services, KinesisOperation.FirehoseCreateDeliveryStream, static (h, r) => h.CreateAsync(r));
        AddFamily<DeliveryStreamHandlers>(services, KinesisOperation.FirehoseDeleteDeliveryStream, static (h, r) => h.DeleteAsync(r));
        AddFamily<DeliveryStreamHandlers>(services, KinesisOperation.FirehoseDescribeDeliveryStream, static (h, r) => h.DescribeAsync(r));
        AddFamily<DeliveryStreamHandlers>(services, KinesisOperation.FirehoseListDeliveryStreams, static (h, r) => h.ListAsync(r));
        AddFamily<FirehosePutHandlers>(services, KinesisOperation.FirehosePutRecord, static (h, r) => h.PutRecordAsync(r));
        AddFamily<FirehosePutHandlers>(services, KinesisOperation.FirehosePutRecordBatch, static (h, r) => h.PutRecordBatchAsync(r));
        AddFamily<DestinationHandlers>(services, KinesisOperation.FirehoseUpdateDestination, static (h, r) => h.UpdateDestinationAsync(r));
        AddFamily<DestinationHandlers>(services, KinesisOperation.FirehoseTagDeliveryStream, static (h, r) => h.TagAsync(r));
        AddFamily<DestinationHandlers>(services, KinesisOperation.FirehoseUntagDeliveryStream, static (h, r) => h.UntagAsync(r));
        AddFamily<DestinationHandlers>(services, KinesisOperation.FirehoseListTagsForDeliveryStream, static (h, r) => h.ListTagsAsync(r));
        AddFamily<DestinationHandlers>(services, KinesisOperation.FirehoseStartDeliveryStreamEncryption, static (h, r) => h.EncryptionAsync(r, start: true));
        AddFamily<DestinationHandlers>(services, KinesisOperation.FirehoseStopDeliveryStreamEncryption, static (h, r) => h.EncryptionAsync(r, start: false));
    }

    private static void AddFamily<THandlers>(IServiceCollection services, KinesisOperation operation, Func<THandlers, KinesisRequest, Task> handle)
        where THandlers : notnull
        => services.AddSingleton<IOperationHandler>(provider =>
        {
            var handlers = provider.GetRequiredService<THandlers>();
            return new DelegateHandler(operation, request => handle(handlers, request));
        });

    /// <summary>A cleartext endpoint serving HTTP/1.1 and h2c with prior knowledge on one port.</summary>
    /// <remarks>
    /// Two Kestrel endpoints: the TCP port speaks HTTP/1.1 and hands connections that open with the HTTP/2 preface
    /// to an HTTP/2-only endpoint on the in-process <see cref="H2cConnectionForwarder"/> transport.
    /// <paramref name="http2Connections"/> adds connection middleware to the HTTP/2 endpoint.
    /// </remarks>
    public static void ListenKinesis(this KestrelServerOptions kestrel, IPAddress address, int port, TimeSpan? firstBytesTimeout = null, Action<IConnectionBuilder>? http2Connections = null)
    {
        var forwarder = kestrel.ApplicationServices.GetRequiredService<H2cConnectionForwarder>();
        kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseH2cPrefaceDetection(forwarder, firstBytesTimeout ?? new GatewayEndpointOptions().FirstBytesTimeout);
        });
        kestrel.Listen(forwarder.EndPoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            http2Connections?.Invoke(listen);
        });
    }

    /// <summary>Serves the API: every request not handled earlier in the pipeline is an AWS protocol call.</summary>
    public static void RunKinesisGateway(this IApplicationBuilder app)
    {
        var gateway = app.ApplicationServices.GetRequiredService<KinesisGateway>();
        app.UseKinesisMonitoring();
        app.Run(gateway.InvokeAsync);
    }
}
