// One typed method per Kinesis_20131202 operation of spec §3.1 except SubscribeToShard (written by hand, not generated).
using Orleans.Kinesis.Client.Model;

namespace Orleans.Kinesis.Client;

public sealed partial class KinesisClient
{
    public Task AddTagsToStreamAsync(AddTagsToStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("AddTagsToStream", request, Ctx.AddTagsToStreamRequest, cancellationToken);

    public Task CreateStreamAsync(CreateStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("CreateStream", request, Ctx.CreateStreamRequest, cancellationToken);

    public Task DecreaseStreamRetentionPeriodAsync(RetentionPeriodRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DecreaseStreamRetentionPeriod", request, Ctx.RetentionPeriodRequest, cancellationToken);

    public Task DeleteResourcePolicyAsync(ResourceRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DeleteResourcePolicy", request, Ctx.ResourceRequest, cancellationToken);

    public Task DeleteStreamAsync(DeleteStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DeleteStream", request, Ctx.DeleteStreamRequest, cancellationToken);

    public Task DeregisterStreamConsumerAsync(ConsumerRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DeregisterStreamConsumer", request, Ctx.ConsumerRequest, cancellationToken);

    public Task<AccountSettingsResponse> DescribeAccountSettingsAsync(CancellationToken cancellationToken = default)
        => _transport.CallAsync("DescribeAccountSettings", Ctx.AccountSettingsResponse, cancellationToken);

    public Task<DescribeLimitsResponse> DescribeLimitsAsync(CancellationToken cancellationToken = default)
        => _transport.CallAsync("DescribeLimits", Ctx.DescribeLimitsResponse, cancellationToken);

    public Task<DescribeStreamResponse> DescribeStreamAsync(DescribeStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DescribeStream", request, Ctx.DescribeStreamRequest, Ctx.DescribeStreamResponse, cancellationToken);

    public Task<DescribeStreamConsumerResponse> DescribeStreamConsumerAsync(ConsumerRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DescribeStreamConsumer", request, Ctx.ConsumerRequest, Ctx.DescribeStreamConsumerResponse, cancellationToken);

    public Task<DescribeStreamSummaryResponse> DescribeStreamSummaryAsync(DescribeStreamSummaryRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DescribeStreamSummary", request, Ctx.DescribeStreamSummaryRequest, Ctx.DescribeStreamSummaryResponse, cancellationToken);

    public Task<EnhancedMonitoringResponse> DisableEnhancedMonitoringAsync(EnhancedMonitoringRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DisableEnhancedMonitoring", request, Ctx.EnhancedMonitoringRequest, Ctx.EnhancedMonitoringResponse, cancellationToken);

    public Task<EnhancedMonitoringResponse> EnableEnhancedMonitoringAsync(EnhancedMonitoringRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("EnableEnhancedMonitoring", request, Ctx.EnhancedMonitoringRequest, Ctx.EnhancedMonitoringResponse, cancellationToken);

    public Task<GetRecordsResponse> GetRecordsAsync(GetRecordsRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("GetRecords", request, Ctx.GetRecordsRequest, Ctx.GetRecordsResponse, cancellationToken);

    public Task<GetResourcePolicyResponse> GetResourcePolicyAsync(ResourceRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("GetResourcePolicy", request, Ctx.ResourceRequest, Ctx.GetResourcePolicyResponse, cancellationToken);

    public Task<GetShardIteratorResponse> GetShardIteratorAsync(GetShardIteratorRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("GetShardIterator", request, Ctx.GetShardIteratorRequest, Ctx.GetShardIteratorResponse, cancellationToken);

    public Task IncreaseStreamRetentionPeriodAsync(RetentionPeriodRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("IncreaseStreamRetentionPeriod", request, Ctx.RetentionPeriodRequest, cancellationToken);

    public Task<ListShardsResponse> ListShardsAsync(ListShardsRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("ListShards", request, Ctx.ListShardsRequest, Ctx.ListShardsResponse, cancellationToken);

    public Task<ListStreamConsumersResponse> ListStreamConsumersAsync(ListStreamConsumersRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("ListStreamConsumers", request, Ctx.ListStreamConsumersRequest, Ctx.ListStreamConsumersResponse, cancellationToken);

    public Task<ListStreamsResponse> ListStreamsAsync(ListStreamsRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("ListStreams", request, Ctx.ListStreamsRequest, Ctx.ListStreamsResponse, cancellationToken);

    public Task<ListTagsForResourceResponse> ListTagsForResourceAsync(ResourceRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("ListTagsForResource", request, Ctx.ResourceRequest, Ctx.ListTagsForResourceResponse, cancellationToken);

    public Task<ListTagsForStreamResponse> ListTagsForStreamAsync(ListTagsForStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("ListTagsForStream", request, Ctx.ListTagsForStreamRequest, Ctx.ListTagsForStreamResponse, cancellationToken);

    public Task MergeShardsAsync(MergeShardsRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("MergeShards", request, Ctx.MergeShardsRequest, cancellationToken);

    public Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("PutRecord", request, Ctx.PutRecordRequest, Ctx.PutRecordResponse, cancellationToken);

    public Task<PutRecordsResponse> PutRecordsAsync(PutRecordsRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("PutRecords", request, Ctx.PutRecordsRequest, Ctx.PutRecordsResponse, cancellationToken);

    public Task PutResourcePolicyAsync(PutResourcePolicyRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("PutResourcePolicy", request, Ctx.PutResourcePolicyRequest, cancellationToken);

    public Task<RegisterStreamConsumerResponse> RegisterStreamConsumerAsync(RegisterStreamConsumerRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("RegisterStreamConsumer", request, Ctx.RegisterStreamConsumerRequest, Ctx.RegisterStreamConsumerResponse, cancellationToken);

    public Task RemoveTagsFromStreamAsync(RemoveTagsFromStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("RemoveTagsFromStream", request, Ctx.RemoveTagsFromStreamRequest, cancellationToken);

    public Task SplitShardAsync(SplitShardRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("SplitShard", request, Ctx.SplitShardRequest, cancellationToken);

    public Task StartStreamEncryptionAsync(StreamEncryptionRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("StartStreamEncryption", request, Ctx.StreamEncryptionRequest, cancellationToken);

    public Task StopStreamEncryptionAsync(StreamEncryptionRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("StopStreamEncryption", request, Ctx.StreamEncryptionRequest, cancellationToken);

    public Task TagResourceAsync(TagResourceRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("TagResource", request, Ctx.TagResourceRequest, cancellationToken);

    public Task UntagResourceAsync(UntagResourceRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("UntagResource", request, Ctx.UntagResourceRequest, cancellationToken);

    public Task<AccountSettingsResponse> UpdateAccountSettingsAsync(UpdateAccountSettingsRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("UpdateAccountSettings", request, Ctx.UpdateAccountSettingsRequest, Ctx.AccountSettingsResponse, cancellationToken);

    public Task UpdateMaxRecordSizeAsync(UpdateMaxRecordSizeRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("UpdateMaxRecordSize", request, Ctx.UpdateMaxRecordSizeRequest, cancellationToken);

    public Task<UpdateShardCountResponse> UpdateShardCountAsync(UpdateShardCountRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("UpdateShardCount", request, Ctx.UpdateShardCountRequest, Ctx.UpdateShardCountResponse, cancellationToken);

    public Task UpdateStreamModeAsync(UpdateStreamModeRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("UpdateStreamMode", request, Ctx.UpdateStreamModeRequest, cancellationToken);

    public Task<UpdateStreamWarmThroughputResponse> UpdateStreamWarmThroughputAsync(UpdateStreamWarmThroughputRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("UpdateStreamWarmThroughput", request, Ctx.UpdateStreamWarmThroughputRequest, Ctx.UpdateStreamWarmThroughputResponse, cancellationToken);
}
