namespace Orleans.Kinesis.Storage.Logs;

/// <summary>
/// The one memory budget all shard logs of the process share for their hot tails (copies of the newest frames kept
/// for reads). A log that cannot reserve room evicts its own oldest frames first, and if that is not enough the new
/// frames are simply not kept (reads then go to the device), so the total never passes <see cref="CapacityBytes"/>.
/// Thread-safe.
/// </summary>
public sealed class HotTailBudget
{
    private long _used;

    public HotTailBudget(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    /// <summary>An eighth of the memory available to the process, between 64 MiB and 4 GiB.</summary>
    public static long DefaultCapacityBytes => Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8, 64L << 20, 4L << 30);

    public long CapacityBytes { get; }

    public long UsedBytes => Volatile.Read(ref _used);

    public bool TryReserve(long bytes)
    {
        if (Interlocked.Add(ref _used, bytes) <= CapacityBytes)
        {
            return true;
        }

        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
