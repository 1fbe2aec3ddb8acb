namespace Orleans.Kinesis.Storage.Logs.Engine;

/// <summary>A buffer of the hot tail. It is reused only when no chunk and no reader lease refers to it any more.</summary>
internal sealed class HotBlock(byte[] buffer)
{
    public byte[] Buffer { get; } = buffer;

    /// <summary>Bytes filled so far; filled bytes never change until the block is recycled.</summary>
    public int Used { get; set; }

    /// <summary>Hot-tail chunks that point into this block.</summary>
    public int Chunks { get; set; }

    /// <summary>Read results currently holding slices of this block.</summary>
    public int Leases { get; set; }

    /// <summary>The buffer went back to the pool; the block is dead.</summary>
    public bool Returned { get; set; }
}
