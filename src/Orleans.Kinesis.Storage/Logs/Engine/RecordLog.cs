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
    private readonly RecordLogContext _context;
    private readonly ISegmentStore _store;
    private readonly SegmentTable _table;
    private readonly SegmentWriter _writer; // used by the running flusher only

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
    private bool _flusherRunning;
    private TaskCompletionSource? _flusherIdle;
    private bool _disposed;

    internal RecordLog(RecordLogContext context, List<LogSegment> segments, FrameIndex index, long nextOrdinal, long lastArrivalTimeMs)
    {
        _context = context;
        _store = context.Store;
        _table = new SegmentTable(segments, index, new HotTail(context.HotTailBytes, context.HotTailBudget), nextOrdinal, lastArrivalTimeMs);
        _writer = new SegmentWriter(context, _table, segments[^1]);
        _nextOrdinal = nextOrdinal;
        _pending = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    }

    public long FirstOrdinal => _table.FirstOrdinal;

    public long DurableOrdinal => _table.DurableOrdinal;

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

    public long LastArrivalTimeMs => _table.LastArrivalTimeMs;

    /// <summary>How many times data was flushed to disk (one per coalesced batch, plus one per segment roll-over).</summary>
    internal long FlushCount => _writer.FlushCount;

    /// <summary>Segments (sealed and active), for tests.</summary>
    internal int SegmentCount => _table.SegmentCount;

    public LogAppend Append(ReadOnlySpan<RecordEntry> records, long arrivalTimeMs, long expectedFirstOrdinal = -1)
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

            if (expectedFirstOrdinal >= 0 && expectedFirstOrdinal != _nextOrdinal)
            {
                return new LogAppend(_nextOrdinal, Task.FromException(LogAppend.OrdinalMoved(expectedFirstOrdinal, _nextOrdinal)));
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
        var plannedRecords = _table.PlanRead(ref fromOrdinal, maxRecords, maxBytes, pieces, ref leased);
        if (plannedRecords == 0)
        {
            return RecordBatch.Empty(fromOrdinal);
        }

        var lease = leased is null ? null : _table.LeaseHot(leased);
        byte[][]? rented = null;
        var rentedCount = 0;
        var limit = (int)Math.Min(plannedRecords, maxRecords);
        var output = ArrayPool<RecordView>.Shared.Rent(limit); // a 10,000-record page: not on the LOH; may be longer than the limit
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

                if (FrameParser.ParseFrames(buffer, offset, piece.Length, piece.Segment is not null, fromOrdinal, output.AsSpan(0, limit), ref count, ref bytesLeft))
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
            ArrayPool<RecordView>.Shared.Return(output, clearArray: true);
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
        return new RecordBatch(output, count, next, rented, lease, recordsRented: true);
    }

    public ValueTask<long> FindByArrivalTimeAsync(long arrivalTimeMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_table.FindByArrival(arrivalTimeMs));
    }

    public async ValueTask TrimAsync(long arrivalCutoffMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = _table.RemoveBefore(arrivalCutoffMs);
        if (removed.Count > 0)
        {
            await _store.DeleteSegmentsAsync(removed, cancellationToken).ConfigureAwait(false);
            Log.SegmentsTrimmed(_context.Logger, _store.Name, removed.Count, FirstOrdinal);
        }
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

        _table.Close();

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
            await _writer.WriteBatchAsync(buffer, frames, frameCount).ConfigureAwait(false);
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
            _writer.MustResync();
            _nextOrdinal = _table.DurableOrdinal;
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

    private static partial class Log
    {
        [LoggerMessage(EventId = StorageEventIds.LogSegmentsTrimmed, Level = LogLevel.Information, Message = "Trimmed {SegmentCount} segments of log {Log}; the first retained ordinal is {FirstOrdinal}.")]
        public static partial void SegmentsTrimmed(ILogger logger, string log, int segmentCount, long firstOrdinal);

        [LoggerMessage(EventId = StorageEventIds.LogFlushFailed, Level = LogLevel.Error, Message = "Writing log {Log} failed; the pending appends fail and the next write re-verifies the tail first.")]
        public static partial void FlushFailed(ILogger logger, string log, Exception exception);
    }
}
