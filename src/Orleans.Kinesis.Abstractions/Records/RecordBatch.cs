using System.Buffers;

namespace Orleans.Kinesis.Abstractions.Records;

/// <summary>
/// Records read from a shard log. The record memory (and the array of views) may be rented from
/// <see cref="ArrayPool{T}.Shared"/>: it stays valid until <see cref="Dispose"/>, which returns it.
/// </summary>
public sealed class RecordBatch : IDisposable
{
    private readonly RecordView[] _records;
    private int _recordsRented;
    private byte[][]? _rented;
    private IDisposable? _lease;

    public RecordBatch(RecordView[] records, int count, long nextOrdinal, byte[][]? rentedBuffers)
        : this(records, count, nextOrdinal, rentedBuffers, null)
    {
    }

    /// <summary>
    /// Also takes a <paramref name="lease"/> on memory the records slice (e.g. a log's hot tail), released by
    /// <see cref="Dispose"/>; with <paramref name="recordsRented"/> the <paramref name="records"/> array itself came from
    /// <see cref="ArrayPool{T}.Shared"/> and goes back there.
    /// </summary>
    public RecordBatch(RecordView[] records, int count, long nextOrdinal, byte[][]? rentedBuffers, IDisposable? lease, bool recordsRented = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, records.Length);
        _records = records;
        Count = count;
        NextOrdinal = nextOrdinal;
        _rented = rentedBuffers;
        _lease = lease;
        _recordsRented = recordsRented ? 1 : 0;
    }

    /// <summary>How many records were read.</summary>
    public int Count { get; }

    /// <summary>The ordinal after the last record returned (the position to read from next).</summary>
    public long NextOrdinal { get; }

    public ReadOnlySpan<RecordView> Records => _records.AsSpan(0, Count);

    public static RecordBatch Empty(long nextOrdinal) => new([], 0, nextOrdinal, null);

    public void Dispose()
    {
        Interlocked.Exchange(ref _lease, null)?.Dispose();
        if (Interlocked.Exchange(ref _recordsRented, 0) == 1)
        {
            ArrayPool<RecordView>.Shared.Return(_records, clearArray: true); // the views reference buffers: let them go
        }

        var rented = Interlocked.Exchange(ref _rented, null);
        if (rented is null)
        {
            return;
        }

        foreach (var buffer in rented)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
