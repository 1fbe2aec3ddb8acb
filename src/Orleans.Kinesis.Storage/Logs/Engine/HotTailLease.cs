namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>Keeps the hot-tail blocks a read result slices from out of reuse until the result is disposed.</summary>
internal sealed class HotTailLease(HotTail tail, List<HotBlock> blocks) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            tail.Release(blocks);
        }
    }
}
