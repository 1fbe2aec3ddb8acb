using System.Buffers;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Blobs;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.Logs.Files;

namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>
/// A shard log in append blobs with group commit. <see cref="Append"/> encodes the records into the pending buffer
/// under a short lock; one flusher at a time takes everything pending and appends it with as few Append Blocks as
/// the block size allows (one for a typical batch), each conditioned on the expected append position, then
/// publishes the frames (index, hot tail, durable ordinal) and completes the appends. After a failed write the
/// appends of that batch fault, ordinals roll back to the durable end, and the next write first checks the blob:
/// bytes past the durable end (a write whose answer was lost) are sealed off and a new segment is started, so the
/// log heals itself once storage is back.
/// </summary>
internal sealed partial class BlobRecordLog : IRecordLog
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Lock _appendLock = new();
    private readonly Lock _indexLock = new();
    private readonly BlobLogContext _context;
    private readonly BlobWriterLease _lease;
    private readonly List<BlobSegment> _segments;
    private readonly Queue<BlobHotChunk> _hot = new();
    private long _hotBytes;

    private byte[] _pending = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _pendingLength;
    private List<PendingFrame> _pendingFrames = [];
    private TaskCompletionSource? _pendingDurable;
    private TaskCompletionSource? _inFlightDurable;
    private long _nextOrdinal;
    private bool _flusherRunning;
    private TaskCompletionSource? _flusherIdle;
    private bool _disposed;
    private bool _resync;

    private long _firstOrdinal;
    private long _durableOrdinal;
    private long _lastArrivalTimeMs;
    private bool _closed;

    internal BlobRecordLog(BlobLogContext context, BlobWriterLease lease, List<BlobSegment> segments, long lastArrivalTimeMs)
    {
        _context = context;
        _lease = lease;
        _segments = segments;
        _nextOrdinal = _durableOrdinal = segments[^1].EndOrdinal;
        _firstOrdinal = FirstRetained();
        _lastArrivalTimeMs = lastArrivalTimeMs;
    }

    public long FirstOrdinal => Volatile.Read(ref _firstOrdinal);

    public long DurableOrdinal => Volatile.Read(ref _durableOrdinal);

    public long NextOrdinal
    {
        get
        {
            lock (_appendLock)
            {
                return _nextOrdinal;
            }
        }
    }

    public long LastArrivalTimeMs => Volatile.Read(ref _lastArrivalTimeMs);

    internal string Prefix => _context.Prefix;

    internal BlobContainer Container => _context.Container;

    /// <summary>Segments (sealed and active), for tests.</summary>
    internal int SegmentCount
    {
        get
        {
            lock (_indexLock)
            {
                return _segments.Count;
            }
        }
    }

    public LogAppend Append(ReadOnlySpan<RecordEntry> records, long arrivalTimeMs)
    {
        var size = FrameCodec.MeasureFrame(records);
        if (size < 0)
        {
            throw new ArgumentException("A partition key is longer than 65535 bytes or the batch is larger than 2 GiB.", nameof(records));
        }

        lock (_appendLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_lease.Refusal() is { } refusal)
            {
                return new LogAppend(_nextOrdinal, Task.FromException(refusal));
            }

            if (records.IsEmpty)
            {
                return new LogAppend(_nextOrdinal, _pendingDurable?.Task ?? _inFlightDurable?.Task ?? Task.CompletedTask);
            }

            var length = (int)size;
            if (_pending.Length - _pendingLength < length)
            {
                var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_pendingLength + length, _pending.Length * 2));
                _pending.AsSpan(0, _pendingLength).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_pending);
                _pending = grown;
            }

            var first = _nextOrdinal;
            FrameCodec.Encode(_pending.AsSpan(_pendingLength, length), records, first, arrivalTimeMs);
            _pendingFrames.Add(new PendingFrame(first, records.Length, _pendingLength, length, arrivalTimeMs));
            _pendingLength += length;
            _nextOrdinal = first + records.Length;
            _pendingDurable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_flusherRunning)
            {
                _flusherRunning = true;
                _flusherIdle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = Task.Run(FlushLoopAsync);
            }

            _context.Instruments.AppendedRecords.Add(records.Length);
            return new LogAppend(first, _pendingDurable.Task);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (_appendLock)
        {
            task = _pendingDurable?.Task ?? _inFlightDurable?.Task ?? Task.CompletedTask;
        }

        return task.WaitAsync(cancellationToken);
    }

    public ValueTask<RecordBatch> ReadAsync(long fromOrdinal, int maxRecords, long maxBytes, CancellationToken cancellationToken) =>
        BlobLogReader.ReadAsync(this, fromOrdinal, maxRecords, maxBytes, cancellationToken);

    /// <summary>Under the index lock: the frames a read needs, from <paramref name="fromOrdinal"/> on.</summary>
    internal List<(BlobSegment Segment, BlobFrame Frame, byte[]? Hot)> PlanRead(ref long fromOrdinal, int maxRecords, long maxBytes)
    {
        var plan = new List<(BlobSegment, BlobFrame, byte[]?)>();
        lock (_indexLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            fromOrdinal = Math.Max(fromOrdinal, _firstOrdinal);
            if (fromOrdinal >= _durableOrdinal)
            {
                return plan;
            }

            var s = FindSegment(fromOrdinal);
            var f = s >= 0 ? _segments[s].FindFrame(fromOrdinal) : -1;
            long records = 0, bytes = 0;
            for (; s >= 0 && s < _segments.Count; s++, f = 0)
            {
                var segment = _segments[s];
                for (; f >= 0 && f < segment.Frames.Count; f++)
                {
                    var frame = segment.Frames[f];
                    plan.Add((segment, frame, frame.Hot?.Buffer));
                    records += frame.EndOrdinal - Math.Max(fromOrdinal, frame.FirstOrdinal);
                    bytes += frame.Length;
                    if (records >= maxRecords || bytes >= maxBytes)
                    {
                        return plan;
                    }
                }
            }
        }

        return plan;
    }

    public ValueTask<long> FindByArrivalTimeAsync(long arrivalTimeMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_indexLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            foreach (var segment in _segments)
            {
                if (segment.Frames.Count == 0 || segment.MaxArrivalTimeMs < arrivalTimeMs)
                {
                    continue;
                }

                foreach (var frame in segment.Frames)
                {
                    if (frame.MaxArrivalTimeMs >= arrivalTimeMs)
                    {
                        return ValueTask.FromResult(frame.FirstOrdinal);
                    }
                }
            }

            return ValueTask.FromResult(_durableOrdinal);
        }
    }

    public async ValueTask TrimAsync(long arrivalCutoffMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<BlobSegment> removed;
        lock (_indexLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var count = 0;
            while (count < _segments.Count - 1 && _segments[count].IsSealed && _segments[count].MaxArrivalTimeMs < arrivalCutoffMs)
            {
                count++;
            }

            if (count == 0)
            {
                return;
            }

            removed = _segments.GetRange(0, count);
            _segments.RemoveRange(0, count);
            Volatile.Write(ref _firstOrdinal, FirstRetained());
        }

        var client = _context.Container.Client;
        foreach (var segment in removed)
        {
            // The index first: a segment without one is scanned on open, one without its log is ignored.
            await BlobRanges.DeleteAsync(client.GetBlobClient(segment.IndexName), cancellationToken).ConfigureAwait(false);
            await BlobRanges.DeleteAsync(client.GetBlobClient(segment.BlobName), cancellationToken).ConfigureAwait(false);
        }

        Log.SegmentsTrimmed(_context.Logger, _context.Prefix, removed.Count, FirstOrdinal);
    }

    public async ValueTask DisposeAsync()
    {
        Task flusher;
        lock (_appendLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            flusher = _flusherIdle?.Task ?? Task.CompletedTask;
        }

        await flusher.ConfigureAwait(false);
        lock (_indexLock)
        {
            _closed = true;
            _hot.Clear();
            _context.HotTailBudget.Release(_hotBytes);
            _hotBytes = 0;
        }

        lock (_appendLock)
        {
            ArrayPool<byte>.Shared.Return(_pending);
            _pending = [];
        }

        await _lease.DisposeAsync().ConfigureAwait(false);
        _context.OnDisposed(this);
    }

    private long FirstRetained()
    {
        foreach (var segment in _segments)
        {
            if (segment.Frames.Count > 0)
            {
                return segment.Frames[0].FirstOrdinal;
            }
        }

        return _segments[^1].EndOrdinal;
    }

    private int FindSegment(long ordinal)
    {
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            if (_segments[i].FirstOrdinal <= ordinal)
            {
                return i;
            }
        }

        return -1;
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            byte[] buffer;
            List<PendingFrame> frames;
            TaskCompletionSource durable;
            lock (_appendLock)
            {
                if (_pendingFrames.Count == 0)
                {
                    _flusherRunning = false;
                    _inFlightDurable = null;
                    _flusherIdle?.TrySetResult();
                    _flusherIdle = null;
                    return;
                }

                buffer = _pending;
                frames = _pendingFrames;
                durable = _pendingDurable!;
                _pending = ArrayPool<byte>.Shared.Rent(Math.Max(InitialBufferBytes, _pendingLength));
                _pendingFrames = [];
                _pendingLength = 0;
                _pendingDurable = null;
                _inFlightDurable = durable;
            }

            try
            {
                if (_resync)
                {
                    await ResyncAsync().ConfigureAwait(false);
                }

                await WriteBatchAsync(buffer, frames).ConfigureAwait(false);
                durable.TrySetResult();
            }
            catch (Exception exception)
            {
                Fail(exception, durable);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private void Fail(Exception exception, TaskCompletionSource durable)
    {
        TaskCompletionSource? later;
        lock (_appendLock)
        {
            _resync = true;
            later = _pendingDurable;
            _pendingDurable = null;
            _pendingFrames.Clear();
            _pendingLength = 0;
            _nextOrdinal = Volatile.Read(ref _durableOrdinal);
        }

        Log.FlushFailed(_context.Logger, _context.Prefix, exception);
        var error = new IOException("Writing the log to blob storage failed; the appended records are not durable.", exception);
        durable.TrySetException(error);
        later?.TrySetException(error);
    }

    private BlobSegment Active
    {
        get
        {
            lock (_indexLock)
            {
                return _segments[^1];
            }
        }
    }

    private async Task WriteBatchAsync(byte[] buffer, List<PendingFrame> frames)
    {
        if (_lease.Refusal() is { } refusal)
        {
            throw refusal;
        }

        foreach (var frame in frames)
        {
            FrameCodec.Seal(buffer.AsSpan(frame.BufferOffset, frame.Length));
        }

        var options = _context.Options;
        var i = 0;
        while (i < frames.Count)
        {
            var active = Active;
            var first = frames[i];
            if (active.Length > 0
                && (active.Length + first.Length > options.SegmentMaxBytes || active.BlockCount + BlocksFor(first.Length) > options.SegmentMaxBlocks))
            {
                active = await RollAsync(first.FirstOrdinal).ConfigureAwait(false);
            }

            var j = i;
            long bytes = 0;
            while (j < frames.Count
                && (bytes == 0 || (bytes + frames[j].Length <= options.MaxBlockBytes && active.Length + bytes + frames[j].Length <= options.SegmentMaxBytes)))
            {
                bytes += frames[j].Length;
                j++;
            }

            var started = _context.TimeProvider.GetTimestamp();
            await AppendBlocksAsync(active, buffer.AsMemory(first.BufferOffset, (int)bytes)).ConfigureAwait(false);
            if (_lease.Refusal() is { } late)
            {
                throw late; // stored under the lease, but the lease may have lapsed meanwhile: not acknowledged
            }

            var instruments = _context.Instruments;
            instruments.Flushes.Add(1);
            instruments.BytesWritten.Add(bytes);
            if (instruments.FlushDuration.Enabled)
            {
                instruments.FlushDuration.Record(_context.TimeProvider.GetElapsedTime(started).TotalSeconds);
            }

            Publish(active, buffer, frames, i, j, (int)bytes);
            i = j;
        }
    }

    private int BlocksFor(long length) => (int)((length + _context.Options.MaxBlockBytes - 1) / _context.Options.MaxBlockBytes);

    /// <summary>Appends the bytes at the segment's durable end, in blocks of at most the block size.</summary>
    private async Task AppendBlocksAsync(BlobSegment segment, ReadOnlyMemory<byte> bytes)
    {
        var position = segment.Length;
        var end = position + bytes.Length;
        var blob = _context.Container.Client.GetAppendBlobClient(segment.BlobName);
        while (!bytes.IsEmpty)
        {
            var block = bytes[..Math.Min(bytes.Length, _context.Options.MaxBlockBytes)];
            var conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position, IfMaxSizeLessThanOrEqual = end, LeaseId = _lease.LeaseId };
            try
            {
                using var content = BinaryData.FromBytes(block).ToStream();
                var result = await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = conditions }, CancellationToken.None).ConfigureAwait(false);
                segment.BlockCount = result.Value.BlobCommittedBlockCount;
            }
            catch (RequestFailedException error) when (error.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet)
            {
                // A retry of an append whose first attempt was stored but whose answer was lost is fine; anything else is not.
                if (!await LandedAsync(segment, position, block).ConfigureAwait(false))
                {
                    throw;
                }

                segment.BlockCount++;
            }

            position += block.Length;
            bytes = bytes[block.Length..];
        }
    }

    private async Task<bool> LandedAsync(BlobSegment segment, long position, ReadOnlyMemory<byte> block)
    {
        var stored = await BlobRanges.DownloadAsync(_context.Container.Client.GetBlobClient(segment.BlobName), position, block.Length, CancellationToken.None).ConfigureAwait(false);
        return stored is not null && stored.AsSpan().SequenceEqual(block.Span);
    }

    private void Publish(BlobSegment segment, byte[] buffer, List<PendingFrame> frames, int start, int end, int bytes)
    {
        var baseOffset = frames[start].BufferOffset;
        BlobHotChunk? chunk = null;
        if (_context.Options.HotTailBytes > 0 && bytes <= _context.Options.HotTailBytes)
        {
            chunk = new BlobHotChunk(buffer.AsSpan(baseOffset, bytes).ToArray());
        }

        lock (_indexLock)
        {
            if (chunk is not null && !ReserveHot(chunk.Length))
            {
                chunk = null; // the process budget is spent: these frames are read from the blob
            }

            var maxArrival = LastMaxArrival();
            for (var i = start; i < end; i++)
            {
                var frame = frames[i];
                maxArrival = Math.Max(maxArrival, frame.ArrivalTimeMs);
                segment.Frames.Add(new BlobFrame(
                    frame.FirstOrdinal, frame.Count, segment.Length + frame.BufferOffset - baseOffset, frame.Length, frame.ArrivalTimeMs, maxArrival, chunk, frame.BufferOffset - baseOffset));
            }

            segment.Length += bytes;
            if (chunk is not null)
            {
                _hot.Enqueue(chunk);
                _hotBytes += chunk.Length;
                while (_hotBytes > _context.Options.HotTailBytes && _hot.Count > 0)
                {
                    EvictOldestHot();
                }
            }

            var newest = frames[end - 1];
            Volatile.Write(ref _lastArrivalTimeMs, newest.ArrivalTimeMs);
            Volatile.Write(ref _durableOrdinal, newest.FirstOrdinal + newest.Count);
            Volatile.Write(ref _firstOrdinal, FirstRetained());
        }
    }

    /// <summary>Under the index lock: room in the process budget, evicting this log's oldest chunks if needed.</summary>
    private bool ReserveHot(long length)
    {
        while (!_context.HotTailBudget.TryReserve(length))
        {
            if (_hot.Count == 0)
            {
                return false;
            }

            EvictOldestHot();
        }

        return true;
    }

    private void EvictOldestHot()
    {
        var oldest = _hot.Dequeue();
        _hotBytes -= oldest.Length;
        _context.HotTailBudget.Release(oldest.Length);
        oldest.Evict();
    }

    private long LastMaxArrival()
    {
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            if (_segments[i].Frames.Count > 0)
            {
                return _segments[i].MaxArrivalTimeMs;
            }
        }

        return long.MinValue;
    }

    /// <summary>Seals the active segment (its index persisted) and starts a new one at <paramref name="firstOrdinal"/>.</summary>
    private async Task<BlobSegment> RollAsync(long firstOrdinal)
    {
        var sealedSegment = Active;
        byte[] index;
        lock (_indexLock)
        {
            index = BlobSegmentIndex.Encode(sealedSegment);
        }

        var client = _context.Container.Client;
        await client.GetBlobClient(sealedSegment.IndexName).UploadAsync(BinaryData.FromBytes(index), overwrite: true, CancellationToken.None).ConfigureAwait(false);
        var next = await BlobLogRecovery.CreateSegmentAsync(_context, _lease, firstOrdinal).ConfigureAwait(false);
        lock (_indexLock)
        {
            sealedSegment.IsSealed = true;
            _segments.Add(next);
        }

        await _lease.ReleaseSegmentAsync(client.GetAppendBlobClient(sealedSegment.BlobName)).ConfigureAwait(false);

        Log.SegmentSealed(_context.Logger, sealedSegment.BlobName, sealedSegment.Frames.Count, sealedSegment.Length);
        return next;
    }

    /// <summary>After a failed write: if the blob holds bytes past the durable end, seal them off behind a new segment.</summary>
    private async Task ResyncAsync()
    {
        var active = Active;
        var blob = _context.Container.Client.GetAppendBlobClient(active.BlobName);
        BlobProperties? properties = null;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
        }

        if (properties is not null && properties.ContentLength == active.Length)
        {
            active.BlockCount = properties.BlobCommittedBlockCount;
        }
        else if (active.Frames.Count == 0)
        {
            await BlobRanges.DeleteAsync(blob, CancellationToken.None).ConfigureAwait(false);
            var fresh = await BlobLogRecovery.CreateSegmentAsync(_context, _lease, active.FirstOrdinal).ConfigureAwait(false);
            lock (_indexLock)
            {
                _segments[^1] = fresh;
            }
        }
        else
        {
            await RollAsync(active.EndOrdinal).ConfigureAwait(false);
        }

        _resync = false;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = StorageEventIds.LogSegmentSealed, Level = LogLevel.Debug, Message = "Sealed blob segment {Name}: {FrameCount} frames, {Length} bytes.")]
        public static partial void SegmentSealed(ILogger logger, string name, int frameCount, long length);

        [LoggerMessage(EventId = StorageEventIds.LogSegmentsTrimmed, Level = LogLevel.Information, Message = "Trimmed {SegmentCount} blob segments of log {Prefix}; the first retained ordinal is {FirstOrdinal}.")]
        public static partial void SegmentsTrimmed(ILogger logger, string prefix, int segmentCount, long firstOrdinal);

        [LoggerMessage(EventId = StorageEventIds.LogFlushFailed, Level = LogLevel.Error, Message = "Writing blob log {Prefix} failed; the pending appends fail and the next write checks the blob first.")]
        public static partial void FlushFailed(ILogger logger, string prefix, Exception exception);
    }
}
