namespace Orleans.Kinesis.Gateway.Records;

/// <summary>
/// Owned memory for one shard's batch, carved from arrays below the large-object threshold (85,000 bytes). A
/// PutRecords of 500 × 1 KiB over 4 shards used to allocate one 128 KiB array per shard: on the large-object heap,
/// which only a gen-2 collection reclaims, so sustained puts ran gen-2 collections that stalled requests (the p99
/// tail). Small arrays die young in gen 0. Only a piece longer than a chunk gets an array of its own.
/// </summary>
internal struct OwnedChunks
{
    public const int ChunkBytes = 64 * 1024;
    private byte[] _chunk;
    private int _used;
    private long _remaining;

    /// <param name="total">Bytes the batch will take in all (sizes the last chunk so little is wasted).</param>
    public OwnedChunks(long total)
    {
        _chunk = [];
        _remaining = total;
    }

    /// <summary>The next <paramref name="length"/> bytes, owned by the batch alone.</summary>
    public Memory<byte> Take(int length)
    {
        if (_chunk.Length - _used < length)
        {
            _chunk = GC.AllocateUninitializedArray<byte>(length > ChunkBytes ? length : (int)Math.Min(_remaining, ChunkBytes));
            _used = 0;
        }

        var piece = _chunk.AsMemory(_used, length);
        _used += length;
        _remaining -= length;
        return piece;
    }
}
