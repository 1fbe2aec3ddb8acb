using System.Buffers;
using Microsoft.Extensions.Logging;
using Orleans.Kinesis.Abstractions.Records;
using Orleans.Kinesis.Storage.Diagnostics;
using Orleans.Kinesis.Storage.Logs.Devices;

namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>
/// The shard log engine, one for every device: group commit over segments of an <see cref="ISegmentStore"/>.
/// <see cref="Append"/> encodes the records into the write buffer under a short lock; one flusher at a time takes
/// the whole buffer, appends it at the active segment's durable end (one write and one flush for a file; as few
/// Append Blocks as the block size allows for a blob), then publishes the frames (index, hot tail, durable
/// ordinal) and completes the appends. Appenders never wait for I/O while holding a lock. After a failed write
/// the appends of that batch and those queued behind it fault, ordinals roll back to the durable end, and the next
/// write first re-verifies the tail (bytes past the durable end are sealed off behind a new segment), so the log
/// heals itself once the device is back. A store that refuses (a writer lease lost or not renewed in time) makes
/// appends fault and nothing is acknowledged.
/// </summary>
internal sealed partial class RecordLog : IRecordLog
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Lock _appendLock = new();
    private readonly Lock _indexLock = new();
    private readonly RecordLogContext _context;
    private readonly ISegmentStore _store;
    private readonly FrameIndex _index;
    private readonly List<LogSegment> _segments;
    private readonly HotTail _hotTail;

    // Append side, guarded by _appendLock.
    private byte[] _pending;
    private int _pendingLength;
    private PendingFrame[] _pendingFrames = new PendingFrame[64];
    private int _pendingFrameCount;
    private PendingFrame[]? _spareFrames;
    private byte[]? _spareBuffer;
    private TaskCompletionSource? _pendingDurable;
    private TaskCompletionSource? _inFlightDurable;
    private long _nextOrdinal;
    private bool _resync;
    private bool _flusherRunning;
    private TaskCompletionSource? _flusherIdle;
    private bool _disposed;

    // Flusher side: only the running flusher touches _active's file tail.
    private LogSegment _active;

    // Published state, written under _indexLock.
    private long _firstOrdinal;
    private long _durableOrdinal;
    private long _lastArrivalTimeMs;
    private long _flushCount;
    private bool _closed;

    internal RecordLog(RecordLogContext context, List<LogSegment> segments, FrameIndex index, long nextOrdinal, long lastArrivalTimeMs)
    {
        _context = context;
        _store = context.Store;
        _segments = segments;
        _index = index;
        _hotTail = new HotTail(context.HotTailBytes, context.HotTailBudget);
        _active = segments[^1];
        _nextOrdinal = nextOrdinal;
        _durableOrdinal = nextOrdinal;
        _firstOrdinal = index.Count > 0 ? index[0].FirstOrdinal : segments[0].FirstOrdinal;
        _lastArrivalTimeMs = lastArrivalTimeMs;
        _pending = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
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

    /// <summary>How many times data was flushed to disk (one per coalesced batch, plus one per segment roll-over).</summary>
    internal long FlushCount => Interlocked.Read(ref _flushCount);

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
            if (_store.Refusal() is { } refusal)
            {
                return new LogAppend(_nextOrdinal, Task.FromException(refusal));
            }

            if (records.IsEmpty)
            {
                return new LogAppend(_nextOrdinal, _pendingDurable?.Task ?? _inFlightDurable?.Task ?? Task.CompletedTask);
            }

            var length = (int)size;
            EnsureCapacity(length);
            var first = _nextOrdinal;
            FrameCodec.Encode(_pending.AsSpan(_pendingLength, length), records, first, arrivalTimeMs);
            if (_pendingFrameCount == _pendingFrames.Length)
            {
                Array.Resize(ref _pendingFrames, _pendingFrames.Length * 2);
            }

            _pendingFrames[_pendingFrameCount++] = new PendingFrame(first, records.Length, _pendingLength, length, arrivalTimeMs);
            _pendingLength += length;
            _nextOrdinal = first + records.Length;
            _pendingDurable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_flusherRunning)
            {
                _flusherRunning = true;
                _flusherIdle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                ScheduleFlush();
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

    public async ValueTask<RecordBatch> ReadAsync(long fromOrdinal, int maxRecords, long maxBytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        var pieces = new List<ReadPiece>(2);
        List<HotBlock>? leased = null;
        long plannedRecords;
        lock (_indexLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            fromOrdinal = Math.Max(fromOrdinal, _firstOrdinal);
            var position = fromOrdinal < _durableOrdinal ? _index.FindByOrdinal(fromOrdinal) : -1;
            if (position < 0)
            {
                return RecordBatch.Empty(fromOrdinal);
            }

            plannedRecords = PlanRead(position, fromOrdinal, maxRecords, maxBytes, pieces, ref leased);
        }

        var lease = leased is null ? null : new HotTailLease(_hotTail, leased);
        byte[][]? rented = null;
        var rentedCount = 0;
        var output = new RecordView[(int)Math.Min(plannedRecords, maxRecords)];
        var count = 0;
        var bytesLeft = maxBytes;
        try
        {
            for (var i = 0; i < pieces.Count; i++)
            {
                var piece = pieces[i];
                byte[] buffer;
                int offset;
                if (piece.Segment is null)
                {
                    buffer = piece.HotBlock!.Buffer;
                    offset = piece.HotOffset;
                }
                else
                {
                    rented ??= new byte[pieces.Count][];
                    buffer = rented[rentedCount++] = ArrayPool<byte>.Shared.Rent(piece.Length);
                    await piece.Segment.Device.ReadAsync(buffer.AsMemory(0, piece.Length), piece.SegmentOffset, cancellationToken).ConfigureAwait(false);
                    offset = 0;
                }

                if (FrameParser.ParseFrames(buffer, offset, piece.Length, piece.Segment is not null, fromOrdinal, output, ref count, ref bytesLeft))
                {
                    break;
                }
            }

            if (rented is not null && rentedCount < rented.Length)
            {
                Array.Resize(ref rented, rentedCount);
            }
        }
        catch
        {
            lease?.Dispose();
            for (var i = 0; i < rentedCount; i++)
            {
                ArrayPool<byte>.Shared.Return(rented![i]);
            }

            throw;
        }
        finally
        {
            foreach (var piece in pieces)
            {
                if (piece.ReaderAdded)
                {
                    piece.Segment!.Device.ReleaseReader();
                }
            }
        }

        var next = count > 0 ? output[count - 1].Ordinal + 1 : fromOrdinal;
        return new RecordBatch(output, count, next, rented, lease);
    }

    public ValueTask<long> FindByArrivalTimeAsync(long arrivalTimeMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_indexLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var position = _index.FindByArrival(arrivalTimeMs);
            return ValueTask.FromResult(position < _index.Count ? _index[position].FirstOrdinal : _durableOrdinal);
        }
    }

    public async ValueTask TrimAsync(long arrivalCutoffMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = new List<ISegmentDevice>();
        lock (_indexLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var frameCount = 0;
            while (removed.Count < _segments.Count - 1
                && _segments[removed.Count].IsSealed
                && _segments[removed.Count].MaxArrivalTimeMs < arrivalCutoffMs)
            {
                frameCount += _segments[removed.Count].FrameCount;
                removed.Add(_segments[removed.Count].Device);
            }

            if (removed.Count == 0)
            {
                return;
            }

            _segments.RemoveRange(0, removed.Count);
            _index.RemoveFirst(frameCount);
            _hotTail.RemoveBefore(_segments[0]);
            Volatile.Write(ref _firstOrdinal, _index.Count > 0 ? _index[0].FirstOrdinal : _segments[0].FirstOrdinal);
        }

        await _store.DeleteSegmentsAsync(removed, cancellationToken).ConfigureAwait(false);
        Log.SegmentsTrimmed(_context.Logger, _store.Name, removed.Count, FirstOrdinal);
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
            _hotTail.Clear();
            foreach (var segment in _segments)
            {
                segment.Device.Dispose();
            }
        }

        lock (_appendLock)
        {
            ArrayPool<byte>.Shared.Return(_pending);
            _pending = [];
            _pendingLength = 0;
        }

        try
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _context.OpenLogs.Remove(_context.Key);
        }
    }

    private void EnsureCapacity(int length)
    {
        if (_pending.Length - _pendingLength >= length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_pendingLength + length, Math.Min(_pending.Length * 2, Array.MaxLength)));
        _pending.AsSpan(0, _pendingLength).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_pending);
        _pending = grown;
    }

    private long PlanRead(int position, long fromOrdinal, int maxRecords, long maxBytes, List<ReadPiece> pieces, ref List<HotBlock>? leased)
    {
        long records = 0, bytes = 0;
        for (var i = position; i < _index.Count; i++)
        {
            var frame = _index[i];
            records += frame.EndOrdinal - Math.Max(fromOrdinal, frame.FirstOrdinal);
            bytes += frame.PayloadBytes;
            var last = pieces.Count - 1;
            if (_hotTail.TryLocate(frame.Segment, frame.Offset, out var block, out var bufferOffset))
            {
                (leased ??= []).Add(block!);
                if (last >= 0 && ReferenceEquals(pieces[last].HotBlock, block) && pieces[last].HotOffset + pieces[last].Length == bufferOffset)
                {
                    var piece = pieces[last];
                    piece.Length += frame.Length;
                    pieces[last] = piece;
                }
                else
                {
                    pieces.Add(new ReadPiece { HotBlock = block, HotOffset = bufferOffset, Length = frame.Length });
                }
            }
            else if (last >= 0 && ReferenceEquals(pieces[last].Segment, frame.Segment) && pieces[last].SegmentOffset + pieces[last].Length == frame.Offset)
            {
                var piece = pieces[last];
                piece.Length += frame.Length;
                pieces[last] = piece;
            }
            else
            {
                ObjectDisposedException.ThrowIf(!frame.Segment.Device.TryAddReader(), frame.Segment);

                pieces.Add(new ReadPiece { Segment = frame.Segment, SegmentOffset = frame.Offset, Length = frame.Length, ReaderAdded = true });
            }

            if (records >= maxRecords || bytes >= maxBytes)
            {
                break;
            }
        }

        return records;
    }

    private void ScheduleFlush()
    {
        if (_context.Flushes is { } flushes)
        {
            flushes.Schedule(static log => ((RecordLog)log).StartFlush(), this);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static log => log.StartFlush(), this, preferLocal: false);
        }
    }

    private void StartFlush() => _ = FlushOnceAsync();

    /// <summary>
    /// Writes one batch, then either goes idle or queues itself again. Re-queueing (rather than looping) lets the
    /// appenders whose durability was just signalled run first and add to the next batch, which is what makes
    /// batches grow under load. On a device whose writes block, the whole batch runs synchronously on a flush thread.
    /// </summary>
    private async Task FlushOnceAsync()
    {
        byte[] buffer;
        PendingFrame[] frames;
        int frameCount;
        TaskCompletionSource durable;
        lock (_appendLock)
        {
            if (_pendingFrameCount == 0)
            {
                StopFlusher();
                return;
            }

            buffer = _pending;
            frames = _pendingFrames;
            frameCount = _pendingFrameCount;
            durable = _pendingDurable!;
            _pending = _spareBuffer ?? ArrayPool<byte>.Shared.Rent(Math.Max(InitialBufferBytes, _pendingLength));
            _spareBuffer = null;
            _pendingFrames = _spareFrames ?? new PendingFrame[frames.Length];
            _spareFrames = null;
            _pendingLength = 0;
            _pendingFrameCount = 0;
            _pendingDurable = null;
            _inFlightDurable = durable;
        }

        try
        {
            if (_resync)
            {
                await ResyncAsync().ConfigureAwait(false);
            }

            await WriteBatchAsync(buffer, frames, frameCount).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Fail(exception, durable);
            return;
        }

        durable.TrySetResult();
        lock (_appendLock)
        {
            _inFlightDurable = null;
            _spareFrames = frames;
            if (_spareBuffer is null && !_disposed)
            {
                _spareBuffer = buffer;
            }
            else
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (_pendingFrameCount == 0)
            {
                StopFlusher();
                return;
            }
        }

        ScheduleFlush();
    }

    /// <summary>Called under the append lock when the flusher goes idle.</summary>
    private void StopFlusher()
    {
        _flusherRunning = false;
        _inFlightDurable = null;
        _flusherIdle?.TrySetResult();
        _flusherIdle = null;
    }

    private void Fail(Exception exception, TaskCompletionSource durable)
    {
        TaskCompletionSource? later;
        lock (_appendLock)
        {
            // Nothing past the durable end counts: ordinals roll back, and the next write first re-verifies the tail.
            _resync = true;
            _nextOrdinal = Volatile.Read(ref _durableOrdinal);
            later = _pendingDurable;
            _pendingDurable = null;
            _inFlightDurable = null;
            _pendingLength = 0;
            _pendingFrameCount = 0;
            StopFlusher();
        }

        Log.FlushFailed(_context.Logger, _store.Name, exception);
        var error = new IOException("Writing the log failed; the appended records are not durable.", exception);
        durable.TrySetException(error);
        later?.TrySetException(error);
    }

    /// <summary>
    /// After a failed write: when the device holds exactly the durable bytes, go on in the active segment. Otherwise
    /// what it holds past the durable end is unknown: seal the segment at the durable end (its index names exactly
    /// the durable frames) and go on in a new one, or start an empty segment over.
    /// </summary>
    private async Task ResyncAsync()
    {
        if (_store.Refusal() is { } refusal)
        {
            throw refusal;
        }

        if (await _active.Device.HasExactLengthAsync(_active.Length).ConfigureAwait(false))
        {
        }
        else if (_active.FrameCount > 0)
        {
            await RollAsync(Volatile.Read(ref _durableOrdinal)).ConfigureAwait(false);
        }
        else
        {
            var stale = _active;
            await _store.DeleteSegmentsAsync([stale.Device], CancellationToken.None).ConfigureAwait(false);
            var fresh = new LogSegment(await _store.CreateSegmentAsync(stale.FirstOrdinal, CancellationToken.None).ConfigureAwait(false));
            lock (_indexLock)
            {
                _segments[^1] = fresh;
            }

            _active = fresh;
        }

        _resync = false;
    }

    /// <summary>Writes a batch in runs (one per segment, and per Append Block on a blob), rolling segments as needed.</summary>
    private async Task WriteBatchAsync(byte[] buffer, PendingFrame[] frames, int frameCount)
    {
        if (_store.Refusal() is { } refusal)
        {
            throw refusal;
        }

        for (var i = 0; i < frameCount; i++)
        {
            FrameCodec.Seal(buffer.AsSpan(frames[i].BufferOffset, frames[i].Length));
        }

        var maxRun = _store.MaxAppendBytes;
        var start = 0;
        while (start < frameCount)
        {
            var first = frames[start].Length;
            if (_active.Length > 0 && (_active.Length + first > _context.SegmentMaxBytes || !_active.Device.HasRoomFor(first)))
            {
                await RollAsync(frames[start].FirstOrdinal).ConfigureAwait(false);
            }

            var end = start + 1;
            long bytes = first;
            while (end < frameCount
                && bytes + frames[end].Length <= maxRun
                && _active.Length + bytes + frames[end].Length <= _context.SegmentMaxBytes
                && _active.Device.HasRoomFor((int)(bytes + frames[end].Length)))
            {
                bytes += frames[end].Length;
                end++;
            }

            await WriteRunAsync(buffer, frames, start, end, (int)bytes).ConfigureAwait(false);
            start = end;
        }
    }

    private async Task WriteRunAsync(byte[] buffer, PendingFrame[] frames, int start, int end, int length)
    {
        var started = _context.TimeProvider.GetTimestamp();
        var bufferOffset = frames[start].BufferOffset;
        var segment = _active;
        var segmentOffset = segment.Length;
        await segment.Device.AppendAsync(buffer.AsMemory(bufferOffset, length), segmentOffset).ConfigureAwait(false);
        if (_store.Refusal() is { } late)
        {
            throw late; // stored under the lease, but the lease may have lapsed meanwhile: not acknowledged
        }

        Interlocked.Increment(ref _flushCount);
        var instruments = _context.Instruments;
        instruments.Flushes.Add(1);
        instruments.BytesWritten.Add(length);
        if (instruments.FlushDuration.Enabled)
        {
            instruments.FlushDuration.Record(_context.TimeProvider.GetElapsedTime(started).TotalSeconds);
        }

        lock (_indexLock)
        {
            for (var i = start; i < end; i++)
            {
                ref readonly var frame = ref frames[i];
                _index.Add(frame.FirstOrdinal, frame.Count, segment, segment.Length, frame.Length, frame.ArrivalTimeMs);
                segment.AddFrame(frame.ArrivalTimeMs, frame.Length);
            }

            _hotTail.Add(buffer.AsSpan(bufferOffset, length), segment, segmentOffset);
            ref readonly var newest = ref frames[end - 1];
            Volatile.Write(ref _lastArrivalTimeMs, newest.ArrivalTimeMs);
            Volatile.Write(ref _durableOrdinal, newest.FirstOrdinal + newest.Count);
        }
    }

    /// <summary>Seals the active segment (its index stored) and starts a new one at <paramref name="firstOrdinal"/>.</summary>
    private async Task RollAsync(long firstOrdinal)
    {
        var sealedSegment = _active;
        FrameEntry[] frames;
        lock (_indexLock)
        {
            frames = new FrameEntry[sealedSegment.FrameCount];
            var start = _index.Count - frames.Length;
            for (var i = 0; i < frames.Length; i++)
            {
                frames[i] = _index[start + i];
            }
        }

        await _store.WriteIndexAsync(sealedSegment.FirstOrdinal, SegmentIndexCodec.Encode(sealedSegment.Length, frames), CancellationToken.None).ConfigureAwait(false);
        var next = new LogSegment(await _store.CreateSegmentAsync(firstOrdinal, CancellationToken.None).ConfigureAwait(false));
        lock (_indexLock)
        {
            sealedSegment.IsSealed = true;
            _segments.Add(next);
        }

        _active = next;
        await sealedSegment.Device.SealAsync().ConfigureAwait(false);
        Log.SegmentSealed(_context.Logger, sealedSegment.Name, sealedSegment.FrameCount, sealedSegment.Length);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = StorageEventIds.LogSegmentSealed, Level = LogLevel.Debug, Message = "Sealed log segment {Name}: {FrameCount} frames, {Length} bytes.")]
        public static partial void SegmentSealed(ILogger logger, string name, int frameCount, long length);

        [LoggerMessage(EventId = StorageEventIds.LogSegmentsTrimmed, Level = LogLevel.Information, Message = "Trimmed {SegmentCount} segments of log {Log}; the first retained ordinal is {FirstOrdinal}.")]
        public static partial void SegmentsTrimmed(ILogger logger, string log, int segmentCount, long firstOrdinal);

        [LoggerMessage(EventId = StorageEventIds.LogFlushFailed, Level = LogLevel.Error, Message = "Writing log {Log} failed; the pending appends fail and the next write re-verifies the tail first.")]
        public static partial void FlushFailed(ILogger logger, string log, Exception exception);
    }
}
