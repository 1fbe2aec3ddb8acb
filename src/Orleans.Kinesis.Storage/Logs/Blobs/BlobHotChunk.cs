namespace Orleans.Kinesis.Storage.Logs.Blobs;

/// <summary>A copy of frames written by one Append Block. <see cref="Buffer"/> becomes null when evicted; readers keep the array they took.</summary>
internal sealed class BlobHotChunk(byte[] buffer)
{
    private byte[]? _buffer = buffer;

    public int Length { get; } = buffer.Length;

    public byte[]? Buffer => Volatile.Read(ref _buffer);

    public void Evict() => Volatile.Write(ref _buffer, null);
}
