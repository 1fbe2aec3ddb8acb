using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Logs.Devices;
using Orleans.Kinesis.Storage.Logs.Engine;
using Orleans.Kinesis.Storage.Logs.Fencing;
using Orleans.Kinesis.Storage.Options;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// A shard log's blob prefix (<c>…/shardId-…/</c>): append-blob segments with block-blob indexes beside the sealed
/// ones, and the <c>writer.lock</c> blob whose lease makes this the log's only writer. Opening takes the writer lease
/// before listing anything; the active segment is leased (infinitely) with the same lease id, so the service
/// rejects appends of any other writer, and a segment left by a previous writer is fenced before it is read.
/// </summary>
internal sealed class BlobSegmentStore(
    BlobContainer container, string prefix, BlobStorageOptions options, ILogOwnerLiveness liveness, TimeProvider leaseClock) : ISegmentStore
{
    private BlobWriterLease? _lease;

    public string Name => prefix;

    public bool CanTruncate => false;

    public int MaxAppendBytes => options.MaxBlockBytes;

    public BlobStorageOptions Options => options;

    public string LeaseId => _lease!.LeaseId;

    public Exception? Refusal() => _lease?.Refusal();

    public int BlocksFor(long length) => (int)((length + options.MaxBlockBytes - 1) / options.MaxBlockBytes);

    public async ValueTask<List<ListedSegment>> OpenAsync(CancellationToken cancellationToken)
    {
        await container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        _lease = await BlobWriterLease.AcquireAsync(container, prefix, options.WriterLeaseSeconds, liveness, leaseClock, cancellationToken).ConfigureAwait(false);
        var logs = new SortedDictionary<long, long>();
        var indexes = new HashSet<long>();
        await foreach (var item in container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            if (SegmentNames.TryParse(item.Name.AsSpan(prefix.Length), out var first, out var isIndex))
            {
                if (isIndex)
                {
                    indexes.Add(first);
                }
                else
                {
                    logs[first] = item.Properties.ContentLength ?? 0;
                }
            }
        }

        var listed = new List<ListedSegment>(logs.Count);
        foreach (var (first, length) in logs)
        {
            listed.Add(new ListedSegment(first, length, indexes.Contains(first)));
        }

        return listed;
    }

    public async ValueTask<ISegmentDevice> OpenSegmentAsync(ListedSegment listed, bool forWriting, CancellationToken cancellationToken)
    {
        var blob = SegmentBlob(listed.FirstOrdinal);
        if (!forWriting)
        {
            return new BlobSegmentDevice(blob, listed.FirstOrdinal, listed.Length, 0, this);
        }

        await LeaseSegmentAsync(blob, cancellationToken).ConfigureAwait(false); // fence, then read
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        return new BlobSegmentDevice(blob, listed.FirstOrdinal, properties.ContentLength, properties.BlobCommittedBlockCount, this);
    }

    /// <summary>Creates the append blob (an empty leftover of that name is reused) and leases it with the writer's lease id.</summary>
    public async ValueTask<ISegmentDevice> CreateSegmentAsync(long firstOrdinal, CancellationToken cancellationToken)
    {
        var blob = SegmentBlob(firstOrdinal);
        try
        {
            var create = new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.CreateAsync(create, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status is 409 or 412)
        {
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing.Value.ContentLength != 0)
            {
                throw new IOException($"The log segment '{blob.Name}' already exists and is not empty.", error);
            }
        }

        await LeaseSegmentAsync(blob, cancellationToken).ConfigureAwait(false);
        return new BlobSegmentDevice(blob, firstOrdinal, 0, 0, this);
    }

    public async ValueTask<byte[]?> ReadIndexAsync(long firstOrdinal, CancellationToken cancellationToken) =>
        await BlobRanges.DownloadAsync(container.Client.GetBlobClient(IndexName(firstOrdinal)), 0, null, cancellationToken).ConfigureAwait(false);

    public async ValueTask WriteIndexAsync(long firstOrdinal, byte[] content, CancellationToken cancellationToken) =>
        await container.Client.GetBlobClient(IndexName(firstOrdinal)).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken).ConfigureAwait(false);

    public async ValueTask DeleteSegmentsAsync(IReadOnlyList<ISegmentDevice> segments, CancellationToken cancellationToken)
    {
        foreach (var segment in segments)
        {
            await BlobRanges.DeleteAsync(container.Client.GetBlobClient(IndexName(segment.FirstOrdinal)), cancellationToken).ConfigureAwait(false);
            await BlobRanges.DeleteAsync(SegmentBlob(segment.FirstOrdinal), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Lets go of a sealed segment's lease (best effort: a leftover is broken when the segment is deleted).</summary>
    public async ValueTask ReleaseSegmentLeaseAsync(AppendBlobClient blob)
    {
        try
        {
            await blob.GetBlobLeaseClient(LeaseId).ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Takes the infinite segment lease with this writer's id, breaking one a previous writer left.</summary>
    private async Task LeaseSegmentAsync(AppendBlobClient blob, CancellationToken cancellationToken)
    {
        var segmentLease = blob.GetBlobLeaseClient(LeaseId);
        try
        {
            await segmentLease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status == 409)
        {
            // Left by the previous writer, whose writer lease this one now holds: fence it off, then take it.
            await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
            await segmentLease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private AppendBlobClient SegmentBlob(long firstOrdinal) => container.Client.GetAppendBlobClient(prefix + SegmentNames.Stem(firstOrdinal) + SegmentNames.LogSuffix);

    private string IndexName(long firstOrdinal) => prefix + SegmentNames.Stem(firstOrdinal) + SegmentNames.IndexSuffix;
}
