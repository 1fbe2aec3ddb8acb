// One typed method per Firehose_20150804 operation of the Firehose spec §3 (written by hand, not generated).
namespace Orleans.Kinesis.Client.Firehose;

public sealed partial class FirehoseClient
{
    public Task<CreateDeliveryStreamResponse> CreateDeliveryStreamAsync(CreateDeliveryStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("CreateDeliveryStream", request, Ctx.CreateDeliveryStreamRequest, Ctx.CreateDeliveryStreamResponse, cancellationToken);

    public Task DeleteDeliveryStreamAsync(DeleteDeliveryStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DeleteDeliveryStream", request, Ctx.DeleteDeliveryStreamRequest, cancellationToken);

    public Task<DescribeDeliveryStreamResponse> DescribeDeliveryStreamAsync(DescribeDeliveryStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("DescribeDeliveryStream", request, Ctx.DescribeDeliveryStreamRequest, Ctx.DescribeDeliveryStreamResponse, cancellationToken);

    public Task<ListDeliveryStreamsResponse> ListDeliveryStreamsAsync(ListDeliveryStreamsRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("ListDeliveryStreams", request, Ctx.ListDeliveryStreamsRequest, Ctx.ListDeliveryStreamsResponse, cancellationToken);

    public Task<FirehosePutRecordResponse> PutRecordAsync(FirehosePutRecordRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("PutRecord", request, Ctx.FirehosePutRecordRequest, Ctx.FirehosePutRecordResponse, cancellationToken);

    public Task<PutRecordBatchResponse> PutRecordBatchAsync(PutRecordBatchRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("PutRecordBatch", request, Ctx.PutRecordBatchRequest, Ctx.PutRecordBatchResponse, cancellationToken);

    public Task UpdateDestinationAsync(UpdateDestinationRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("UpdateDestination", request, Ctx.UpdateDestinationRequest, cancellationToken);

    public Task TagDeliveryStreamAsync(TagDeliveryStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("TagDeliveryStream", request, Ctx.TagDeliveryStreamRequest, cancellationToken);

    public Task UntagDeliveryStreamAsync(UntagDeliveryStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("UntagDeliveryStream", request, Ctx.UntagDeliveryStreamRequest, cancellationToken);

    public Task<ListTagsForDeliveryStreamResponse> ListTagsForDeliveryStreamAsync(ListTagsForDeliveryStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("ListTagsForDeliveryStream", request, Ctx.ListTagsForDeliveryStreamRequest, Ctx.ListTagsForDeliveryStreamResponse, cancellationToken);

    public Task StartDeliveryStreamEncryptionAsync(StartDeliveryStreamEncryptionRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("StartDeliveryStreamEncryption", request, Ctx.StartDeliveryStreamEncryptionRequest, cancellationToken);

    public Task StopDeliveryStreamEncryptionAsync(DeliveryStreamRequest request, CancellationToken cancellationToken = default)
        => _transport.CallAsync("StopDeliveryStreamEncryption", request, Ctx.DeliveryStreamRequest, cancellationToken);
}
