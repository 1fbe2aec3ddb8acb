using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Storage.Logs.Memory;

/// <summary>
/// A shard log in process memory: appends are durable at once, reads return slices of immutable blocks, and
/// trimming drops whole appends whose newest record arrived before the cutoff (an append is its "segment").
/// </summary>
internal sealed class MemoryRecordLog(MemoryLogData data) : IRecordLog
{
    private bool _disposed;

    public long FirstOrdinal
    {
        get
        {
            lock (data.Gate)
            {
                return data.FirstOrdinal;
            }
        }
    }

    public long DurableOrdinal => NextOrdinal;

    public long NextOrdinal
    {
        get
        {
            lock (data.Gate)
            {
                return data.NextOrdinal;
            }
        }
    }

    public long LastArrivalTimeMs
    {
        get
        {
            lock (data.Gate)
            {
                return data.LastArrivalTimeMs;
            }
        }
    }

    public LogAppend Append(ReadOnlySpan<RecordEntry> records, long arrivalTimeMs, long expectedFirstOrdinal = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var size = 0;
        foreach (ref readonly var record in records)
        {
            size += record.PartitionKey.Length + record.Data.Length;
        }

        var block = new byte[size];
        var keyOffsets = new int[records.Length];
        var dataOffsets = new int[records.Length];
        var flags = new byte[records.Length];
        var position = 0;
        for (var i = 0; i < records.Length; i++)
        {
            keyOffsets[i] = position;
            records[i].PartitionKey.Span.CopyTo(block.AsSpan(position));
            position += records[i].PartitionKey.Length;
            dataOffsets[i] = position;
            records[i].Data.Span.CopyTo(block.AsSpan(position));
            position += records[i].Data.Length;
            flags[i] = records[i].Flags;
        }

        lock (data.Gate)
        {
            var first = data.NextOrdinal;
            if (expectedFirstOrdinal >= 0 && expectedFirstOrdinal != first)
            {
                return new LogAppend(first, Task.FromException(LogAppend.OrdinalMoved(expectedFirstOrdinal, first)));
            }

            if (records.IsEmpty)
            {
                return new LogAppend(first, Task.CompletedTask);
            }

            var maxArrival = data.Frames.Count > 0 ? Math.Max(data.Frames[^1].MaxArrivalTimeMs, arrivalTimeMs) : arrivalTimeMs;
            data.Frames.Add(new MemoryFrame(first, arrivalTimeMs, maxArrival, block, keyOffsets, dataOffsets, flags));
            data.NextOrdinal = first + records.Length;
            data.LastArrivalTimeMs = arrivalTimeMs;
            return new LogAppend(first, Task.CompletedTask);
        }
    }

    public ValueTask<RecordBatch> ReadAsync(long fromOrdinal, int maxRecords, long maxBytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        lock (data.Gate)
        {
            fromOrdinal = Math.Max(fromOrdinal, data.FirstOrdinal);
            var available = data.NextOrdinal - fromOrdinal;
            if (available <= 0)
            {
                return ValueTask.FromResult(RecordBatch.Empty(fromOrdinal));
            }

            var output = new RecordView[(int)Math.Min(available, maxRecords)];
            var count = 0;
            var bytesLeft = maxBytes;
            for (var f = FindFrame(fromOrdinal); f < data.Frames.Count && count < output.Length; f++)
            {
                var frame = data.Frames[f];
                for (var i = (int)Math.Max(0, fromOrdinal - frame.FirstOrdinal); i < frame.Count && count < output.Length; i++)
                {
                    var view = frame.View(i);
                    long size = view.PartitionKey.Length + view.Data.Length;
                    if (count > 0 && size > bytesLeft)
                    {
                        return ValueTask.FromResult(new RecordBatch(output, count, view.Ordinal, null));
                    }

                    output[count++] = view;
                    bytesLeft -= size;
                }
            }

            return ValueTask.FromResult(new RecordBatch(output, count, output[count - 1].Ordinal + 1, null));
        }
    }

    public ValueTask<long> FindByArrivalTimeAsync(long arrivalTimeMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (data.Gate)
        {
            int low = 0, high = data.Frames.Count;
            while (low < high)
            {
                var middle = low + ((high - low) >> 1);
                if (data.Frames[middle].MaxArrivalTimeMs >= arrivalTimeMs)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return ValueTask.FromResult(low < data.Frames.Count ? data.Frames[low].FirstOrdinal : data.NextOrdinal);
        }
    }

    public ValueTask TrimAsync(long arrivalCutoffMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (data.Gate)
        {
            var count = 0;
            while (count < data.Frames.Count && data.Frames[count].MaxArrivalTimeMs < arrivalCutoffMs)
            {
                count++;
            }

            data.Frames.RemoveRange(0, count);
            data.FirstOrdinal = data.Frames.Count > 0 ? data.Frames[0].FirstOrdinal : data.NextOrdinal;
        }

        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private int FindFrame(long ordinal)
    {
        int low = 0, high = data.Frames.Count - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) >> 1);
            if (data.Frames[middle].FirstOrdinal <= ordinal)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
