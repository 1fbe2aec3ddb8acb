using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Diagnostics;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// Opens a blob shard log: takes the writer lease, lists the segments, loads sealed ones from their index blobs
/// (scanning those that have none) and scans the last one only after leasing it with the writer's lease id, so a
/// previous writer can append nothing more and every record it got acknowledged is in what is scanned. A last
/// segment with bytes past its valid frames (a torn or unacknowledged write) is sealed at its valid end and a new
/// segment started, since append blobs cannot be cut.
/// </summary>
internal static partial class BlobLogRecovery
{
    public static async Task<BlobRecordLog> OpenAsync(BlobLogContext context, CancellationToken cancellationToken)
    {
        var container = context.Container;
        await container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var lease = await BlobWriterLease.AcquireAsync(container, context.Prefix, context.Options.WriterLeaseSeconds, context.Liveness, context.LeaseClock, cancellationToken).ConfigureAwait(false);
        try
        {
            var logs = new SortedDictionary<long, long>();
            var indexes = new HashSet<long>();
            await foreach (var item in container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = context.Prefix }, cancellationToken).ConfigureAwait(false))
            {
                if (BlobSegment.TryParse(item.Name, context.Prefix, out var first, out var isIndex))
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

            var segments = new List<BlobSegment>();
            var firsts = logs.Keys.ToArray();
            var maxArrival = long.MinValue;
            var scanned = 0;
            for (var k = 0; k < firsts.Length; k++)
            {
                var segment = new BlobSegment(context.Prefix, firsts[k]);
                var isLast = k == firsts.Length - 1;
                var loaded = false;
                if (indexes.Contains(firsts[k]))
                {
                    var index = await BlobRanges.DownloadAsync(container.Client.GetBlobClient(segment.IndexName), 0, null, cancellationToken).ConfigureAwait(false);
                    loaded = index is not null && BlobSegmentIndex.TryDecode(index, segment, maxArrival);
                }

                if (!loaded)
                {
                    var blob = container.Client.GetAppendBlobClient(segment.BlobName);
                    if (isLast)
                    {
                        await lease.LeaseSegmentAsync(blob, cancellationToken).ConfigureAwait(false); // fence, then read
                    }

                    var content = await BlobRanges.DownloadAsync(blob, 0, null, cancellationToken).ConfigureAwait(false) ?? [];
                    BlobSegmentScanner.Scan(content, segment, maxArrival, isLast ? long.MaxValue : firsts[k + 1]);
                    segment.IsSealed = !isLast || segment.Length < content.Length;
                    scanned++;
                    if (segment.IsSealed)
                    {
                        await container.Client.GetBlobClient(segment.IndexName).UploadAsync(BinaryData.FromBytes(BlobSegmentIndex.Encode(segment)), overwrite: true, cancellationToken).ConfigureAwait(false);
                        if (isLast)
                        {
                            Log.TruncatedTail(context.Logger, segment.BlobName, segment.Length, content.Length);
                            await lease.ReleaseSegmentAsync(blob).ConfigureAwait(false);
                        }
                    }
                }

                if (segment.Frames.Count > 0)
                {
                    maxArrival = segment.MaxArrivalTimeMs;
                }

                segments.Add(segment);
            }

            if (segments.Count == 0)
            {
                segments.Add(await CreateSegmentAsync(context, lease, 0).ConfigureAwait(false));
            }
            else if (segments[^1] is { IsSealed: true } last)
            {
                if (last.Frames.Count == 0)
                {
                    // Nothing valid in it: replace it rather than leave two segments starting at the same ordinal.
                    await BlobRanges.DeleteAsync(container.Client.GetBlobClient(last.IndexName), cancellationToken).ConfigureAwait(false);
                    await BlobRanges.DeleteAsync(container.Client.GetBlobClient(last.BlobName), cancellationToken).ConfigureAwait(false);
                    segments[^1] = await CreateSegmentAsync(context, lease, last.FirstOrdinal).ConfigureAwait(false);
                }
                else
                {
                    segments.Add(await CreateSegmentAsync(context, lease, last.EndOrdinal).ConfigureAwait(false));
                }
            }
            else
            {
                var properties = await container.Client.GetAppendBlobClient(segments[^1].BlobName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                segments[^1].BlockCount = properties.Value.BlobCommittedBlockCount;
            }

            var lastArrival = 0L;
            foreach (var segment in segments)
            {
                if (segment.Frames.Count > 0)
                {
                    lastArrival = segment.Frames[^1].ArrivalTimeMs;
                }
            }

            Log.Recovered(context.Logger, context.Prefix, segments.Count, scanned, segments[^1].EndOrdinal);
            return new BlobRecordLog(context, lease, segments, lastArrival);
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates an empty append blob for a segment starting at <paramref name="firstOrdinal"/> (an empty leftover of
    /// that name is reused) and leases it with the writer's lease id.
    /// </summary>
    public static async Task<BlobSegment> CreateSegmentAsync(BlobLogContext context, BlobWriterLease lease, long firstOrdinal)
    {
        var segment = new BlobSegment(context.Prefix, firstOrdinal);
        var blob = context.Container.Client.GetAppendBlobClient(segment.BlobName);
        try
        {
            var create = new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.CreateAsync(create, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status is 409 or 412)
        {
            var existing = await blob.GetPropertiesAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            if (existing.Value.ContentLength != 0)
            {
                throw new IOException($"The log segment '{segment.BlobName}' already exists and is not empty.", error);
            }
        }

        await lease.LeaseSegmentAsync(blob, CancellationToken.None).ConfigureAwait(false);
        return segment;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = StorageEventIds.LogRecovered, Level = LogLevel.Debug, Message = "Opened blob log {Prefix}: {SegmentCount} segments ({Scanned} scanned), next ordinal {NextOrdinal}.")]
        public static partial void Recovered(ILogger logger, string prefix, int segmentCount, int scanned, long nextOrdinal);

        [LoggerMessage(EventId = StorageEventIds.LogTruncatedTail, Level = LogLevel.Warning, Message = "Blob segment {Name} has bytes past its last valid frame ({Valid} of {Length}); sealed at the valid end.")]
        public static partial void TruncatedTail(ILogger logger, string name, long valid, long length);
    }
}
