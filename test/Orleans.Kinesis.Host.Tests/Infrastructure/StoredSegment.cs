using System.Buffers.Binary;
using System.Numerics;

namespace Orleans.Kinesis.Host.Tests.Infrastructure;

/// <summary>
/// A record-log segment file (<c>*.log</c>) opened for tampering in tests: frames of
/// <c>[u32 length][u32 CRC-32C][u64 first ordinal][i64 arrival][u32 count]</c>, then per record
/// <c>[u8 flags][u16 pk length][pk][u32 data length][data]</c> (little endian). After changing record data in place,
/// <see cref="Save"/> rewrites every frame's CRC, so the log still opens and the change is read back.
/// </summary>
public sealed class StoredSegment
{
    private const int FrameHeader = 28;
    private readonly string _path;
    private readonly byte[] _bytes;
    private readonly List<(int Frame, int Length)> _frames = [];

    public StoredSegment(string path)
    {
        _path = path;
        _bytes = File.ReadAllBytes(path);
        var offset = 0;
        while (offset + FrameHeader <= _bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(offset));
            if (length < FrameHeader || offset + length > _bytes.Length)
            {
                break;
            }

            _frames.Add((offset, length));
            var first = BinaryPrimitives.ReadInt64LittleEndian(_bytes.AsSpan(offset + 8));
            var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(offset + 24));
            var position = offset + FrameHeader;
            for (var i = 0; i < count; i++)
            {
                var flags = _bytes[position];
                var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(position + 1));
                var key = _bytes.AsSpan(position + 3, keyLength).ToArray();
                position += 3 + keyLength;
                var dataLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(position));
                Records.Add(new StoredRecord(first + i, flags, key, position + 4, dataLength));
                position += 4 + dataLength;
            }

            offset += length;
        }
    }

    /// <summary>The only segment file of a shard (or buffer) folder.</summary>
    public static StoredSegment OnlyIn(string folder) => new(Assert.Single(Directory.GetFiles(folder, "*.log")));

    public List<StoredRecord> Records { get; } = [];

    public Memory<byte> Data(StoredRecord record) => _bytes.AsMemory(record.DataOffset, record.DataLength);

    public void Save()
    {
        foreach (var (frame, length) in _frames)
        {
            var crc = uint.MaxValue;
            foreach (var b in _bytes.AsSpan(frame + 8, length - 8))
            {
                crc = BitOperations.Crc32C(crc, b);
            }

            BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(frame + 4), ~crc);
        }

        File.WriteAllBytes(_path, _bytes);
    }
}
