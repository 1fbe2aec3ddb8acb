using Azure;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.AzureBlob;
using Orleans.Kinesis.Storage.Diagnostics;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// Opens a blob shard log: takes the writer lease, lists the segments, loads sealed ones from their index blobs
/// (scanning those that have none) and scans the last one. A last segment with bytes past its valid frames (a torn
/// or unacknowledged write) is sealed at its valid end and a new segment started, since append blobs cannot be cut.
/// </summary>
internal static partial class BlobLogRecovery
{
    public static async Task<BlobRecordLog> OpenAsync(BlobLogContext context, CancellationToken cancellationToken)
    {
        var container = context.Container;
        await container.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var lease = await BlobWriterLease.AcquireAsync(container, context.Prefix, context.Options.WriterLeaseSeconds, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        try
        {
            var logs = new SortedDictionary<long, long>();
            var indexes = new HashSet<long>();
            await foreach (var item in container.Client.ListAllBlobsAsync(container.Name, context.Prefix, cancellationToken).ConfigureAwait(false))
            {
                if (BlobSegment.TryParse(item.Name, context.Prefix, out var first, out var isIndex))
                {
                    if (isIndex)
                    {
                        indexes.Add(first);
                    }
                    else
                    {
                        logs[first] = item.Length;
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
                    var index = await container.Client.DownloadAsync(container.Name, segment.IndexName, 0, null, null, cancellationToken).ConfigureAwait(false);
                    loaded = index is not null && BlobSegmentIndex.TryDecode(index.Content, segment, maxArrival);
                }

                if (!loaded)
                {
                    var content = await container.Client.DownloadAsync(container.Name, segment.BlobName, 0, null, null, cancellationToken).ConfigureAwait(false);
                    BlobSegmentScanner.Scan(content?.Content ?? [], segment, maxArrival, isLast ? long.MaxValue : firsts[k + 1]);
                    segment.IsSealed = !isLast || segment.Length < logs[firsts[k]];
                    scanned++;
                    if (segment.IsSealed)
                    {
                        await container.Client.PutBlockBlobAsync(container.Name, segment.IndexName, BlobSegmentIndex.Encode(segment), null, cancellationToken).ConfigureAwait(false);
                        if (isLast && segment.Length < logs[firsts[k]])
                        {
                            Log.TruncatedTail(context.Logger, segment.BlobName, segment.Length, logs[firsts[k]]);
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
                segments.Add(await CreateSegmentAsync(context, 0).ConfigureAwait(false));
            }
            else if (segments[^1] is { IsSealed: true } last)
            {
                if (last.Frames.Count == 0)
                {
                    // Nothing valid in it: replace it rather than leave two segments starting at the same ordinal.
                    await container.Client.DeleteBlobAsync(container.Name, last.IndexName, null, cancellationToken).ConfigureAwait(false);
                    await container.Client.DeleteBlobAsync(container.Name, last.BlobName, null, cancellationToken).ConfigureAwait(false);
                    segments[^1] = await CreateSegmentAsync(context, last.FirstOrdinal).ConfigureAwait(false);
                }
                else
                {
                    segments.Add(await CreateSegmentAsync(context, last.EndOrdinal).ConfigureAwait(false));
                }
            }
            else
            {
                var properties = await container.Client.GetPropertiesAsync(container.Name, segments[^1].BlobName, cancellationToken).ConfigureAwait(false);
                segments[^1].BlockCount = properties?.CommittedBlockCount ?? 0;
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

    /// <summary>Creates an empty append blob for a segment starting at <paramref name="firstOrdinal"/> (an empty leftover of that name is reused).</summary>
    public static async Task<BlobSegment> CreateSegmentAsync(BlobLogContext context, long firstOrdinal)
    {
        var segment = new BlobSegment(context.Prefix, firstOrdinal);
        var container = context.Container;
        try
        {
            await container.Client.CreateAppendBlobAsync(container.Name, segment.BlobName, BlobConditions.IfNotExists, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status is 409 or 412)
        {
            var existing = await container.Client.GetPropertiesAsync(container.Name, segment.BlobName, CancellationToken.None).ConfigureAwait(false);
            if (existing is not { Length: 0 })
            {
                throw new IOException($"The log segment '{segment.BlobName}' already exists and is not empty.", error);
            }
        }

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
